/** A compiled `METHOD /path/pattern`: `*` matches one path segment, `**` any rest, method `*` any method. */
export interface RoutePattern {
  readonly source: string;
  matches(method: string, path: string): boolean;
}

/**
 * Compiles `PUT /rest/v1/transaction/*\/confirm`, `* /rest/v1/**` or a bare `/v2/sign` (any method).
 * @throws TypeError when the pattern has no path starting with `/`.
 */
export function compileRoutePattern(source: string): RoutePattern {
  const trimmed = source.trim();
  const space = trimmed.indexOf(' ');
  const method = space === -1 ? '*' : trimmed.slice(0, space).toUpperCase();
  const path = space === -1 ? trimmed : trimmed.slice(space + 1).trim();
  if (!path.startsWith('/'))
    throw new TypeError(`Route pattern "${source}" must be "METHOD /path" with a path starting with "/"`);
  const body = path
    .split(/(\*\*|\*)/)
    .map((part) =>
      part === '**' ? '.*' : part === '*' ? '[^/]+' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  const regex = new RegExp(`^${body}/?$`);
  return {
    source: `${method} ${path}`,
    matches: (m, p) => (method === '*' || method === m) && regex.test(p),
  };
}
