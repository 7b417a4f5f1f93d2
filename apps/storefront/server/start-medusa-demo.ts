import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { forkReady, freePort } from './child.ts';
import { startPageFor } from './page.ts';

/** Options of {@link startMedusaDemo}; unset ones fall back to the example's own env (scripts/dev.mjs). */
export interface MedusaDemoOptions {
  /** The shop page's port; 0 picks a free one. @default 5173 */
  port?: number;
  /** Medusa's port; 0 picks a free one. @default 9000 */
  medusaPort?: number;
  /** The sandbox's port; 0 picks a free one. @default 4010 */
  sandboxPort?: number;
  /** The PostgreSQL database the shop lives in. @default tk_medusa_example */
  database?: string;
  /** Drop that database when the demo stops (a throwaway shop). @default false */
  dropDatabase?: boolean;
  /** The sandbox's SQLite file and the Medusa log. @default the example's data/ */
  dataDir?: string;
}

/** What the example reports when Medusa answers (apps/medusa-example/scripts/dev.mjs). */
export interface MedusaUrls {
  store: string;
  publishableKey: string;
  sandbox: string;
  simulator: string;
  database: string;
}

export interface MedusaDemo {
  /** The shop page: the one URL. */
  url: string;
  medusa: MedusaUrls;
  logFile: string;
  exited: Promise<number | null>;
  close(): Promise<void>;
}

const exampleDir = fileURLToPath(new URL('../../medusa-example/', import.meta.url));
const MAX_BODY_BYTES = 65_536;

/**
 * Starts the Medusa example as `pnpm dev` runs it (sandbox, database, migrations, seed, `medusa start`) as a
 * child process, then the shop page in Medusa mode proxying `/store` to it.
 */
export async function startMedusaDemo(o: MedusaDemoOptions = {}): Promise<MedusaDemo> {
  const dataDir = o.dataDir ?? process.env['DATA_DIR'] ?? join(exampleDir, 'data');
  mkdirSync(dataDir, { recursive: true });
  const logFile = join(dataDir, 'medusa.log');
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, MEDUSA_DISABLE_TELEMETRY: 'true' };
  if (o.medusaPort !== undefined) env['PORT'] = String(o.medusaPort || (await freePort()));
  if (o.sandboxPort !== undefined) env['SANDBOX_PORT'] = String(o.sandboxPort);
  if (o.database !== undefined) env['TK_MEDUSA_DATABASE'] = o.database;
  if (o.dropDatabase) env['TK_MEDUSA_DROP_DATABASE'] = 'true';
  delete env['NODE_OPTIONS'];
  const child = await forkReady<MedusaUrls>(join(exampleDir, 'scripts/dev.mjs'), {
    name: 'the Medusa example',
    cwd: exampleDir,
    env,
    // The sandbox runs from its TypeScript as in `pnpm dev`; Medusa itself loads the provider's build.
    execArgv: ['--conditions=@tillkit/source'],
    logFile,
    stopTimeoutMs: 30_000,
  });
  const medusa = child.ready;
  const page = await startPageFor(child, {
    backend: 'medusa',
    publishableKey: medusa.publishableKey,
    port: o.port ?? 5173,
    simulatorUrl: medusa.simulator,
    proxy: { '/store': medusa.store },
    maxBodyBytes: MAX_BODY_BYTES,
  });
  return { url: page.url, medusa, logFile, exited: child.exited, close: page.close };
}
