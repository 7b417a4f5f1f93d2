// `pnpm dev`: the TillKit sandbox (Paysera Wallet + POS + fiskaltrust emulators), a PostgreSQL database,
// migrations, the seed (once: it skips a shop that has a region), then `medusa start` in shared mode (API and
// the checkout ticker in one process). Everything that can collide with another run is an env var:
//   PORT (Medusa, 9000), SANDBOX_PORT (4010, 0 = any free), TK_MEDUSA_DATABASE (tk_medusa_example),
//   DATA_DIR (the sandbox's SQLite file and Medusa's log; default data/), PGHOST/PGPORT/PGUSER,
//   TK_MEDUSA_DROP_DATABASE=true (a throwaway shop: the database is dropped when this process stops).
// Started with an IPC channel (a parent's fork), it sends `{ ready: { store, admin, publishableKey, … } }`.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import postgres from '@medusajs/framework/pg';
import { startSandbox } from '@tillkit/sandbox';

const appDir = new URL('..', import.meta.url).pathname;
const cli = createRequire(join(appDir, 'package.json')).resolve('@medusajs/cli/cli.js');
const pg = {
  host: process.env.PGHOST ?? 'localhost',
  port: Number(process.env.PGPORT ?? '5432'),
  user: process.env.PGUSER ?? 'postgres',
};
const database = process.env.TK_MEDUSA_DATABASE ?? 'tk_medusa_example';
if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database))
  throw new Error(`TK_MEDUSA_DATABASE: ${database} is not a plain name`);
const dropOnExit = process.env.TK_MEDUSA_DROP_DATABASE === 'true';
const port = Number(process.env.PORT ?? '9000');
const dataDir = process.env.DATA_DIR ?? join(appDir, 'data');
mkdirSync(dataDir, { recursive: true });

/** One statement on the server's `postgres` database (CREATE/DROP DATABASE cannot run inside the shop's). */
async function onServer(sql, params = []) {
  const client = new postgres.Client({ ...pg, database: 'postgres' });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

const exists = await onServer('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
if (exists.rowCount === 0) await onServer(`CREATE DATABASE ${database}`);
const databaseUrl = `postgres://${pg.user}@${pg.host}:${pg.port}/${database}`;

const sandbox = await startSandbox({
  port: Number(process.env.SANDBOX_PORT ?? '4010'),
  db: join(dataDir, `sandbox-${database}.sqlite`),
});
const { wallet: w, fiskaltrust: f } = sandbox.credentials;
const env = {
  ...process.env,
  // Our own --conditions=@tillkit/source would make Medusa require the provider's TypeScript.
  NODE_OPTIONS: '',
  PORT: String(port),
  DATABASE_URL: databaseUrl,
  TILLKIT_WEBHOOK_SECRET: process.env.TILLKIT_WEBHOOK_SECRET ?? randomBytes(32).toString('hex'),
  PAYSERA_MAC_ID: w.macId,
  PAYSERA_MAC_KEY: w.macKey,
  PAYSERA_PROJECT_ID: String(w.projectId),
  PAYSERA_LOCATION_ID: String(w.locationId),
  PAYSERA_WALLET_URL: sandbox.urls.wallet,
  FISKALTRUST_CASHBOX_ID: f.cashBoxId,
  FISKALTRUST_ACCESS_TOKEN: f.accessToken,
  FISKALTRUST_URL: sandbox.url,
};
const medusa = (...args) =>
  spawnSync(process.execPath, [cli, ...args], { cwd: appDir, env, stdio: ['ignore', 'inherit', 'inherit'] });

let server;
let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  if (server && server.exitCode === null && server.signalCode === null) {
    // Its own process group: whatever Medusa starts goes with it.
    process.kill(-server.pid, 'SIGTERM');
    const timer = setTimeout(() => process.kill(-server.pid, 'SIGKILL'), 15_000);
    await new Promise((resolve) => server.once('exit', resolve));
    clearTimeout(timer);
  }
  await sandbox.close();
  if (dropOnExit) await onServer(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void stop(0));
// A parent that dies (its IPC channel closes) takes this shop with it.
process.on('disconnect', () => void stop(0));

if (medusa('db:migrate').status !== 0) await stop(1);
if (medusa('exec', './src/scripts/seed.ts').status !== 0) await stop(1);
const keys = new postgres.Client({ connectionString: databaseUrl });
await keys.connect();
const { rows } = await keys.query(
  "SELECT token FROM api_key WHERE type = 'publishable' AND created_by = 'seed' AND revoked_at IS NULL AND deleted_at IS NULL ORDER BY created_at LIMIT 1",
);
await keys.end();

server = spawn(process.execPath, [cli, 'start'], {
  cwd: appDir,
  env,
  detached: true,
  stdio: ['ignore', 'inherit', 'inherit'],
});
server.on('exit', (code) => void stop(code ?? 1));

const store = `http://127.0.0.1:${port}`;
// Medusa answers /health once it serves routes; a server that never does is stopped after 150 s.
for (
  let i = 0;
  !(await fetch(`${store}/health`).then(
    (r) => r.ok,
    () => false,
  ));
  i++
) {
  if (stopping) await new Promise(() => {}); // stop() exits the process
  if (i > 600) await stop(1);
  await new Promise((r) => setTimeout(r, 250));
}
const ready = {
  store,
  publishableKey: rows[0]?.token,
  sandbox: sandbox.url,
  simulator: sandbox.urls.simulator,
  database,
};
console.log(`medusa ${store}  publishable key ${ready.publishableKey}`);
console.log(`sandbox ${sandbox.url}  wallet simulator ${sandbox.urls.simulator}`);
process.send?.({ ready });
