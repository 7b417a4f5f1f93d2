// `pnpm dev`: the TillKit sandbox (Paysera Wallet + POS + fiskaltrust emulators) on :4010, a PostgreSQL
// database `tk_medusa_example`, migrations, the seed (once: it skips a shop that has a region), then `medusa start` in shared mode
// (API and the checkout ticker in one process). The wallet simulator is at http://127.0.0.1:4010/simulator.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import postgres from '@medusajs/framework/pg';
import { startSandbox } from '@tillkit/sandbox';

const pg = {
  host: process.env.PGHOST ?? 'localhost',
  port: process.env.PGPORT ?? '5432',
  user: process.env.PGUSER ?? 'postgres',
};
const database = 'tk_medusa_example';
const admin = new postgres.Client({ ...pg, port: Number(pg.port), database: 'postgres' });
await admin.connect();
const fresh = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])).rowCount === 0;
if (fresh) await admin.query(`CREATE DATABASE ${database}`);
await admin.end();

const sandbox = await startSandbox({ port: 4010 });
const { wallet: w, fiskaltrust: f } = sandbox.credentials;
const env = {
  ...process.env,
  DATABASE_URL: `postgres://${pg.user}@${pg.host}:${pg.port}/${database}`,
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
const medusa = (...args) => spawnSync('pnpm', ['exec', 'medusa', ...args], { env, stdio: 'inherit' });
if (medusa('db:migrate').status !== 0) process.exit(1);
medusa('exec', './src/scripts/seed.ts');
console.log(`sandbox ${sandbox.url}  wallet simulator ${sandbox.urls.simulator}`);
const server = spawn('pnpm', ['exec', 'medusa', 'start'], { env, stdio: 'inherit' });
server.on('exit', async (code) => {
  await sandbox.close();
  process.exit(code ?? 0);
});
