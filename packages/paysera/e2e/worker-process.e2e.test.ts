import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Sandbox } from '@tillkit/sandbox';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createScanAndPayEngine } from '../src/engine/engine.ts';
import { createRedisLock, createRedisPaymentStore } from '../src/redis/store.ts';
import { engineWallet, eur, sandboxWithSpots, spotOf } from './helpers.ts';

const bin = fileURLToPath(new URL('../src/worker/bin.ts', import.meta.url));
const redis = new Redis({ host: '127.0.0.1', port: 6379, maxRetriesPerRequest: 1 });
const prefix = `test:paysera-proc:${randomUUID()}:`;
let sandbox: Sandbox;
const children: ChildProcess[] = [];

function startWorker(): ChildProcess {
  const { macId, macKey, projectId } = sandbox.credentials.wallet;
  const child = spawn(process.execPath, ['--conditions=@tillkit/source', bin], {
    env: {
      PATH: process.env['PATH'] ?? '',
      PAYSERA_MAC_ID: macId,
      PAYSERA_MAC_KEY: macKey,
      PAYSERA_PROJECT_ID: String(projectId),
      PAYSERA_WALLET_URL: sandbox.urls.wallet,
      TILLKIT_PREFIX: prefix,
      TILLKIT_TICK_MS: '100',
      TILLKIT_LOCK_TTL_MS: '2000',
      TILLKIT_REQUESTS_PER_MINUTE: '3000',
    },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  children.push(child);
  return child;
}

beforeAll(async () => {
  sandbox = await sandboxWithSpots(2);
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await sandbox.close();
  const keys = await redis.keys(`${prefix.replace(/:$/, '')}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

describe('tillkit-worker processes', () => {
  it('finishes a checkout with the surviving process after the other is killed mid-flow', async () => {
    const first = startWorker();
    startWorker();
    // The shop side only writes checkouts; the worker processes do every Wallet call.
    const shop = createScanAndPayEngine({
      wallet: engineWallet(sandbox),
      store: createRedisPaymentStore({ redis, prefix }),
      lock: createRedisLock({ redis, prefix }),
    });
    const spot = spotOf(sandbox, 0);
    const c = await shop.startCheckout({
      orderId: `P-${randomUUID()}`,
      locationId: sandbox.credentials.wallet.locationId,
      spotId: spot.id,
      amount: eur(450),
      description: 'x',
    });
    const waitOpts = { timeout: 30_000, interval: 50 };
    await vi.waitFor(
      async () => expect((await shop.getCheckout(c.id))?.transactionKey).toBeDefined(),
      waitOpts,
    );
    sandbox.control.wallet.scan(c.qr);
    await vi.waitFor(
      async () => expect((await shop.getCheckout(c.id))?.status).toBe('order_attached'),
      waitOpts,
    );
    first.kill('SIGKILL');
    sandbox.control.wallet.accept(spot.id);
    await vi.waitFor(
      async () => expect((await shop.getCheckout(c.id))?.status).toBe('spot_closed'),
      waitOpts,
    );
    expect(sandbox.control.count('PUT /rest/v1/transaction/*/confirm')).toBe(1);
    expect(sandbox.control.count('POST /rest/v1/transaction')).toBe(1);
  });
});
