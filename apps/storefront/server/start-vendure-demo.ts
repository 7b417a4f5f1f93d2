import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { forkReady } from './child.ts';
import { startPageFor } from './page.ts';

/** Options of {@link startVendureDemo}; unset ones fall back to the example's own env (PORT, SANDBOX_PORT, DATA_DIR). */
export interface VendureDemoOptions {
  /** The shop page's port; 0 picks a free one. @default 5173 */
  port?: number;
  /** Where the example keeps its SQLite files and this demo Vendure's log. @default the example's data/ */
  dataDir?: string;
  /** Vendure's port; 0 picks a free one. @default 3100 */
  vendurePort?: number;
  /** The sandbox's port; 0 picks a free one. @default 4010 */
  sandboxPort?: number;
}

/** Where the example answers (apps/vendure-example/src/start.ts). */
export interface VendureUrls {
  shopApi: string;
  adminApi: string;
  simulator: string;
}

export interface VendureDemo {
  /** The shop page: the one URL. */
  url: string;
  vendure: VendureUrls;
  /** Where Vendure's and the sandbox's output goes. */
  logFile: string;
  /** Resolves when the Vendure process ends, with its exit code. */
  exited: Promise<number | null>;
  close(): Promise<void>;
}

const exampleDir = fileURLToPath(new URL('../../vendure-example/', import.meta.url));
const MAX_BODY_BYTES = 65_536;

/**
 * Starts the Vendure example (`apps/vendure-example/src/server.ts`: the sandbox and Vendure with the plugin)
 * as a child process, then the shop page in Vendure mode proxying `/shop-api` to it. The child is the example
 * exactly as `pnpm start` runs it: plain Node on the packages' builds (Vendure's decorators need them).
 */
export async function startVendureDemo(o: VendureDemoOptions = {}): Promise<VendureDemo> {
  const dataDir = o.dataDir ?? process.env['DATA_DIR'] ?? join(exampleDir, 'data');
  mkdirSync(dataDir, { recursive: true });
  const logFile = join(dataDir, 'vendure.log');
  const env: NodeJS.ProcessEnv = { ...process.env, VENDURE_DISABLE_TELEMETRY: 'true', DATA_DIR: dataDir };
  if (o.vendurePort !== undefined) env['PORT'] = String(o.vendurePort);
  if (o.sandboxPort !== undefined) env['SANDBOX_PORT'] = String(o.sandboxPort);
  // Our own --conditions=@tillkit/source would load the plugin's TypeScript, which Node cannot decorate.
  delete env['NODE_OPTIONS'];
  const child = await forkReady<VendureUrls>(join(exampleDir, 'src/server.ts'), {
    name: 'the Vendure example',
    cwd: exampleDir,
    env,
    logFile,
  });
  const vendure = child.ready;

  const page = await startPageFor(child, {
    backend: 'vendure',
    port: o.port ?? 5173,
    simulatorUrl: vendure.simulator,
    proxy: { '/shop-api': new URL(vendure.shopApi).origin },
    maxBodyBytes: MAX_BODY_BYTES,
  });
  return { url: page.url, vendure, logFile, exited: child.exited, close: page.close };
}
