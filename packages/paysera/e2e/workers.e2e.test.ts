import { randomUUID } from 'node:crypto';
import type { Sandbox } from '@tillkit/sandbox';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTokenBucket } from '../src/engine/budget.ts';
import { createScanAndPayEngine } from '../src/engine/engine.ts';
import type { WalletPort } from '../src/engine/wallet-port.ts';
import { createRedisLock, createRedisPaymentStore } from '../src/redis/store.ts';
import { engineWallet, eur, sandboxWithSpots, spotOf } from './helpers.ts';

let sandbox: Sandbox;
const redis = new Redis({ host: '127.0.0.1', port: 6379, maxRetriesPerRequest: 1 });
let prefix = '';
const waitOpts = { timeout: 20_000, interval: 25 };

beforeAll(async () => {
  sandbox = await sandboxWithSpots(6);
});
afterAll(async () => {
  await sandbox.close();
  await redis.quit();
});
beforeEach(() => {
  prefix = `test:paysera-e2e:${randomUUID()}:`;
  sandbox.control.resetStats();
});
afterEach(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
});

const worker = (wallet: WalletPort = engineWallet(sandbox)) =>
  createScanAndPayEngine({
    wallet,
    store: createRedisPaymentStore({ redis, prefix }),
    lock: createRedisLock({ redis, prefix }),
    budget: createTokenBucket({ requestsPerMinute: 6000 }),
    polling: { fastIntervalMs: 50 },
    lockTtlMs: 500,
  });

describe('engine workers sharing Redis, against the sandbox', () => {
  it('resumes a checkout whose worker died right after sending the confirm, without confirming again', async () => {
    const real = engineWallet(sandbox);
    // The first worker's process dies the moment its confirm reaches Paysera: the call never returns.
    const dying: WalletPort = {
      ...real,
      confirmTransaction: async (k, s) =>
        real.confirmTransaction(k, s).then(() => new Promise<never>(() => {})),
    };
    const first = worker(dying);
    const spot = spotOf(sandbox, 0);
    const c = await first.startCheckout({
      orderId: `K-${randomUUID()}`,
      locationId: sandbox.credentials.wallet.locationId,
      spotId: spot.id,
      amount: eur(700),
      description: 'x',
    });
    await first.tick();
    sandbox.control.wallet.scan(c.qr);
    await first.tick();
    sandbox.control.wallet.accept(spot.id);
    void first.tick();
    await vi.waitFor(
      () => expect(sandbox.control.count('PUT /rest/v1/transaction/*/confirm')).toBe(1),
      waitOpts,
    );

    const second = worker();
    second.start();
    try {
      await vi.waitFor(
        async () => expect((await second.getCheckout(c.id))?.status).toBe('spot_closed'),
        waitOpts,
      );
    } finally {
      await second.stop();
    }
    expect(sandbox.control.count('PUT /rest/v1/transaction/*/confirm')).toBe(1);
    const done = await second.getCheckout(c.id);
    expect((await real.getTransaction(done?.transactionKey as string)).status).toBe('confirmed');
  });

  it('never lets two workers both confirm, with every worker polling at once', async () => {
    const workers = [worker(), worker(), worker()];
    for (const w of workers) w.start();
    try {
      const checkouts = await Promise.all(
        [1, 2, 3, 4].map((i) =>
          workers[i % 3]?.startCheckout({
            orderId: `M-${randomUUID()}`,
            locationId: sandbox.credentials.wallet.locationId,
            spotId: spotOf(sandbox, i).id,
            amount: eur(100 * i),
            description: 'x',
          }),
        ),
      );
      const store = createRedisPaymentStore({ redis, prefix });
      for (const c of checkouts) {
        await vi.waitFor(
          async () => expect((await store.get(c?.id as string))?.transactionKey).toBeDefined(),
          waitOpts,
        );
        sandbox.control.wallet.scan(c?.qr as string);
      }
      for (const c of checkouts) {
        await vi.waitFor(
          async () => expect((await store.get(c?.id as string))?.status).toBe('order_attached'),
          waitOpts,
        );
        sandbox.control.wallet.accept(c?.spotId as number);
      }
      for (const c of checkouts) {
        await vi.waitFor(
          async () => expect((await store.get(c?.id as string))?.status).toBe('spot_closed'),
          waitOpts,
        );
        expect((await store.get(c?.id as string))?.confirmAttempts).toBe(1);
      }
      expect(sandbox.control.count('PUT /rest/v1/transaction/*/confirm')).toBe(4);
      expect(sandbox.control.count('POST /rest/v1/transaction')).toBe(4);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
  });
});
