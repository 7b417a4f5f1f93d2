// The only place the demo reads the environment.
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { SandboxCredentials } from '@tillkit/sandbox';

/** The merchant API key for `tillkitDocuments`/`tillkitFiscalDay`: `TILLKIT_MERCHANT_API_KEY`, or a fresh random one per run. */
export const merchantApiKey: string =
  process.env['TILLKIT_MERCHANT_API_KEY'] ?? randomBytes(24).toString('base64url');

/** Where the demo keeps its SQLite files (gitignored): `TILLKIT_DEMO_DATA`, or `apps/storefront/.data`. */
export const dataDir: string =
  process.env['TILLKIT_DEMO_DATA'] ?? fileURLToPath(new URL('../.data/', import.meta.url));

/** Port of the shop page: `TILLKIT_DEMO_PORT`. @default 5173 */
export const demoPort: number = Number(process.env['TILLKIT_DEMO_PORT'] ?? 5173);

/**
 * A sandbox already running elsewhere (the e2e starts one and hands it to the demo's processes):
 * `TILLKIT_SANDBOX` = `{"url": …, "credentials": …}`. Without it the demo starts its own, persisted.
 */
export const externalSandbox: { url: string; credentials: SandboxCredentials } | undefined = process.env[
  'TILLKIT_SANDBOX'
]
  ? (JSON.parse(process.env['TILLKIT_SANDBOX']) as { url: string; credentials: SandboxCredentials })
  : undefined;

/** Port of the sandbox the demo starts: `TILLKIT_SANDBOX_PORT`; fixed, the page's simulator link survives a restart. @default 0 (free) */
export const sandboxPort: number = Number(process.env['TILLKIT_SANDBOX_PORT'] ?? 0);

/** `TILLKIT_DEMO_TICKER=off`: this process serves only; a separate `server/worker.ts` drives the rounds. */
export const runTicker: boolean = process.env['TILLKIT_DEMO_TICKER'] !== 'off';
