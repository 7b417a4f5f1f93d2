import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createTokenBucket } from '../engine/budget.ts';
import { createScanAndPayEngine, type ScanAndPayEngine } from '../engine/engine.ts';
import { createFakeWallet } from '../engine/testing/fake-wallet.ts';
import { createRedisLock, createRedisPaymentStore } from '../redis/store.ts';
import { readWorkerEnv } from './env.ts';
import { startEngineWorker } from './worker.ts';

const connection = new Redis({ host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null });
afterAll(async () => {
  await connection.quit();
});

/**
 * Counts the ticks BullMQ hands each engine, so the test waits for rounds, not for wall-clock time: the
 * fake wallet answers at once, so what a round does depends only on the state before it, and a step that
 * needs one round is given a few (a tick may have started before the event it should see).
 */
function tickCounter() {
  const waiters = new Set<() => void>();
  const counts = new Map<string, number>();
  const counted = (name: string, engine: ScanAndPayEngine): ScanAndPayEngine => ({
    ...engine,
    async tick() {
      const report = await engine.tick();
      counts.set(name, (counts.get(name) ?? 0) + 1);
      for (const wake of waiters) wake();
      return report;
    },
  });
  /** Resolves once `check` holds after a round, failing after `rounds` rounds that did not make it hold. */
  const within = async (rounds: number, check: () => Promise<boolean>): Promise<void> => {
    for (let i = 0; i < rounds; i++) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          waiters.delete(wake);
          resolve();
        };
        waiters.add(wake);
      });
      if (await check()) return;
    }
    throw new Error(`not reached within ${rounds} rounds`);
  };
  return { counted, within, count: (name: string) => counts.get(name) ?? 0 };
}

describe('BullMQ engine worker', () => {
  // The bound is on rounds (see tickCounter); this timeout only catches a worker that never ticks.
  it('finishes a checkout on the surviving worker after the other one stops', {
    timeout: 60_000,
  }, async () => {
    const prefix = `test-paysera-${randomUUID()}`;
    const wallet = createFakeWallet(1, 2);
    const ticks = tickCounter();
    const makeEngine = () =>
      createScanAndPayEngine({
        wallet,
        store: createRedisPaymentStore({ redis: connection, prefix: `${prefix}:` }),
        lock: createRedisLock({ redis: connection, prefix: `${prefix}:` }),
        budget: createTokenBucket({ requestsPerMinute: 6000 }),
      });
    const a = makeEngine();
    const workerA = await startEngineWorker({
      engine: ticks.counted('a', a),
      connection,
      prefix,
      tickMs: 100,
    });
    const workerB = await startEngineWorker({
      engine: ticks.counted('b', makeEngine()),
      connection,
      prefix,
      tickMs: 100,
    });
    const status = async () => (await a.getCheckout('w1'))?.status;
    try {
      await a.startCheckout({
        orderId: 'w1',
        locationId: 1,
        spotId: 1001,
        amount: { amount: 100, currency: 'EUR' },
        description: 'x',
      });
      await ticks.within(5, async () => (await a.getCheckout('w1'))?.transactionKey !== undefined);
      await workerA.close();
      const ticksOfA = ticks.count('a');
      wallet.scan(1001);
      await ticks.within(5, async () => (await status()) === 'order_attached');
      wallet.pay(1001);
      await ticks.within(5, async () => (await status()) === 'spot_closed');
      expect(ticks.count('a')).toBe(ticksOfA); // every round after the stop ran on the survivor
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
