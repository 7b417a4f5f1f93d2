import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as q from './graphql.ts';
import {
  adminOrder,
  bootShop,
  customer,
  dbPrefix,
  journal,
  orderIn,
  postgres,
  type Shop,
  shopperStarts,
  waitFor,
} from './harness.ts';
import { redisDb } from './harness-config.ts';

const CONFIRM = 'PUT /rest/v1/transaction/*/confirm';
const pkg = path.join(import.meta.dirname, '..');
const describeOnPostgres = describe.runIf(postgres);

/** True when `file` is missing or older than any file under `dir`. */
function stale(file: string, dir: string): boolean {
  if (!existsSync(file)) return true;
  const built = statSync(file).mtimeMs;
  return readdirSync(dir, { recursive: true }).some(
    (f) => statSync(path.join(dir, String(f))).mtimeMs > built,
  );
}

// Several processes share one database only on a database server: PostgreSQL (TK_VENDURE_DB=postgres).
describeOnPostgres('Vendure workers in their own processes, sharing PostgreSQL and a BullMQ queue', () => {
  let t: Shop;
  const workers = new Set<ChildProcess>();

  const startWorker = () =>
    new Promise<ChildProcess>((resolve, reject) => {
      const { url, urls, credentials } = t.sandbox;
      const options = {
        database: `${dbPrefix}_harness`,
        sandbox: { url, urls, credentials },
        queue: 'bullmq',
      };
      const child = fork(path.join(import.meta.dirname, 'worker-process.ts'), [JSON.stringify(options)], {
        execArgv: ['--conditions=@tillkit/source'],
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      workers.add(child);
      child.once('message', () => resolve(child));
      child.once('exit', (code) => reject(new Error(`worker exited with ${code} before it was ready`)));
    });
  const kill = (child: ChildProcess) =>
    new Promise<void>((resolve) => {
      workers.delete(child);
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });

  beforeAll(async () => {
    // Workers run the plugin as a shop deploys it: its tsc build on plain Node (built here unless fresh).
    if (stale(path.join(pkg, 'dist/index.js'), path.join(pkg, 'src'))) {
      const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
      execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: pkg });
    }
    const redis = new Redis({ host: '127.0.0.1', port: 6379, db: redisDb });
    await redis.flushdb();
    redis.disconnect();
    t = await bootShop(3131, { engineInServer: false, queue: 'bullmq' });
    await t.admin.query(q.CREATE_METHOD, { code: 'paysera', captureMode: 'automatic' });
    await Promise.all([startWorker(), startWorker()]);
  });
  afterAll(async () => {
    await Promise.all([...workers].map(kill));
    await t?.close();
  });

  it('three orders paid while two workers run: each settled once, confirmed once, signed once', async () => {
    const before = { receipts: journal(t).length, confirms: t.sandbox.control.count(CONFIRM) };
    const started = [];
    for (let i = 0; i < 3; i++) started.push(await shopperStarts(t));
    await Promise.all(started.map(({ attempt }) => customer(t, attempt.qrPayload)));
    const orders = await Promise.all(started.map(({ code }) => orderIn(t, code, 'PaymentSettled')));
    for (const order of orders) expect(order.payments.map((p) => p.state)).toEqual(['Settled']);
    expect(t.sandbox.control.count(CONFIRM) - before.confirms).toBe(3);
    await orderReceiptsSigned(
      t,
      started.map((s) => s.code),
    );
    expect(journal(t).length - before.receipts).toBe(3);
  });

  it('every worker killed -9 right after the customer paid: a new worker settles and signs it once', async () => {
    const before = { receipts: journal(t).length, confirms: t.sandbox.control.count(CONFIRM) };
    const { code, attempt } = await shopperStarts(t);
    await customer(t, attempt.qrPayload);
    await Promise.all([...workers].map(kill));
    await startWorker();
    // The dead workers' leases run out first: the ticker's, the event consumer's and the engine lock's
    // (2-3 s here).
    const order = await orderIn(t, code, 'PaymentSettled');
    expect(order.payments.map((p) => [p.state, p.transactionId])).toEqual([['Settled', attempt.id]]);
    await orderReceiptsSigned(t, [code]);
    expect(t.sandbox.control.count(CONFIRM) - before.confirms).toBe(1);
    expect(journal(t).length - before.receipts).toBe(1);
  });
});

async function orderReceiptsSigned(t: Shop, codes: string[]) {
  for (const code of codes)
    await waitFor(
      () => adminOrder(t, code),
      (o) => o.tillkitReceipts.length === 1 && o.tillkitReceipts[0]?.state === 'signed',
      `the receipt of ${code}`,
    );
}
