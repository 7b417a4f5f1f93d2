// Runs once at load. On Node 20 the package imports fine but signing later fails with an ftState error
// that names nothing about the runtime; refusing to load says what is needed instead.
const MINIMUM = [22, 12] as const;

/** Throws when `version` (`process.versions.node`) is older than the Node this package is built for. */
export function assertSupportedNode(version: string): void {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  if (major > MINIMUM[0] || (major === MINIMUM[0] && minor >= MINIMUM[1])) return;
  throw new Error(
    `@tillkit/fiscalization needs Node.js >= ${MINIMUM.join('.')} (this is ${version}); upgrade Node to 22.12 or later.`,
  );
}

assertSupportedNode(process.versions.node);
