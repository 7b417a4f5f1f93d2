import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createTokenBucket } from '../engine/budget.ts';
import { createScanAndPayEngine } from '../engine/engine.ts';
import { createFakeWallet } from '../engine/testing/fake-wallet.ts';
import { createRedisLock, createRedisPaymentStore } from '../redis/store.ts';
import { readWorkerEnv } from './env.ts';
import { startEngineWorker } from './worker.ts';

const connection = new Redis({ host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null });
afterAll(async () => {
  await connection.quit();
});

describe('BullMQ engine worker', () => {
  it('finishes a checkout on the surviving worker after the other one stops', async () => {
    const prefix = `test-paysera-${randomUUID()}`;
    const wallet = createFakeWallet(1, 2);
    const makeEngine = () =>
      createScanAndPayEngine({
        wallet,
        store: createRedisPaymentStore({ redis: connection, prefix: `${prefix}:` }),
        lock: createRedisLock({ redis: connection, prefix: `${prefix}:` }),
        budget: createTokenBucket({ requestsPerMinute: 6000 }),
      });
    const a = makeEngine();
    const workerA = await startEngineWorker({ engine: a, connection, prefix, tickMs: 50 });
    const workerB = await startEngineWorker({ engine: makeEngine(), connection, prefix, tickMs: 50 });
    try {
      await a.startCheckout({
        orderId: 'w1',
        locationId: 1,
        spotId: 1001,
        amount: { amount: 100, currency: 'EUR' },
        description: 'x',
      });
      await vi.waitFor(async () => expect((await a.getCheckout('w1'))?.transactionKey).toBeDefined(), {
        timeout: 10_000,
      });
      await workerA.close();
      wallet.scan(1001);
      await vi.waitFor(async () => expect((await a.getCheckout('w1'))?.status).toBe('order_attached'), {
        timeout: 10_000,
      });
      wallet.pay(1001);
      await vi.waitFor(async () => expect((await a.getCheckout('w1'))?.status).toBe('spot_closed'), {
        timeout: 10_000,
      });
      expect(wallet.calls.filter((c) => c === 'confirmTransaction')).toHaveLength(1);
    } finally {
      await workerB.close();
      const keys = await connection.keys(`${prefix}*`);
      if (keys.length > 0) await connection.del(...keys);
    }
  });
});

describe('readWorkerEnv', () => {
  it('names every missing variable without echoing any value', () => {
    expect(() => readWorkerEnv({ PAYSERA_MAC_KEY: 'sekret', TILLKIT_TICK_MS: 'soon' })).toThrow(
      /PAYSERA_MAC_ID.*TILLKIT_TICK_MS/s,
    );
    try {
      readWorkerEnv({ PAYSERA_MAC_KEY: 'sekret', TILLKIT_TICK_MS: 'soon' });
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('sekret');
    }
  });

  it('applies defaults for everything but the credentials', () => {
    const env = readWorkerEnv({ PAYSERA_MAC_ID: 'id', PAYSERA_MAC_KEY: 'key' });
    expect(env).toMatchObject({
      PAYSERA_WALLET_URL: 'https://wallet.paysera.com/rest/v1',
      TILLKIT_REQUESTS_PER_MINUTE: 100,
      TILLKIT_TICK_MS: 400,
    });
  });
});
