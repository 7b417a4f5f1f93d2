// One command, a fresh machine: the TillKit sandbox (standing in for Paysera and fiskaltrust) and a Vendure
// server with the plugin, both persisted under data/. First start populates the shop.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { startSandbox } from '@tillkit/sandbox';
import { bootstrap, JobQueueService } from '@vendure/core';
import { populate } from '@vendure/core/cli/index.js';
import { credentials, port, sandboxPort } from './env.ts';
import { initialData } from './initial-data.ts';
import { setUpShop } from './setup.ts';
import { vendureConfig } from './vendure-config.ts';

const dir = path.join(import.meta.dirname, '..', 'data');
mkdirSync(dir, { recursive: true });
const sandbox = await startSandbox({
  port: sandboxPort,
  db: path.join(dir, 'sandbox.sqlite'),
});
const dbFile = path.join(dir, 'vendure.sqlite');
const fresh = !existsSync(dbFile);
const config = vendureConfig({
  port,
  dbFile,
  credentials: credentials(sandbox),
  superadminPassword: 'superadmin',
});
const app = fresh
  ? await populate(() => bootstrap(config), initialData, path.join(import.meta.dirname, 'products.csv'))
  : await bootstrap(config);
if (fresh) await setUpShop(app);
// A single process: the server also runs the job queue (a production shop runs `bootstrapWorker` for it).
await app.get(JobQueueService).start();
// The one URL to open: the sandbox's wallet simulator, where the customer scans and pays (README).
console.log(`TillKit Vendure example (shop API on :${port}/shop-api): ${sandbox.urls.simulator}`);
