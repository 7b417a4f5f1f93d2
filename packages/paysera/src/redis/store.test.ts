import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTokenBucket } from '../engine/budget.ts';
import { createScanAndPayEngine } from '../engine/engine.ts';
import { createFakeWallet } from '../engine/testing/fake-wallet.ts';
import type { Checkout } from '../engine/types.ts';
import { createRedisTokenBucket } from './budget.ts';
import { createRedisLock, createRedisPaymentStore } from './store.ts';

const redis = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true, maxRetriesPerRequest: 1 });
let prefix = '';

beforeEach(() => {
  prefix = `test:paysera:${randomUUID()}:`;
});
afterEach(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
});
afterAll(async () => {
  await redis.quit();
});

const checkout = (id: string): Checkout => ({
  id,
  orderId: id,
  locationId: 1,
  spotId: 1001,
  spotIdentifier: 't1',
  qr: 'PAYSERA*1:t1',
  amount: { amount: 100, currency: 'EUR' },
  description: 'x',
  status: 'awaiting_scan',
  confirmAttempts: 0,
  spotClosed: false,
  createdAt: 0,
  updatedAt: 0,
  expiresAt: 10,
  version: 1,
});

describe('Redis payment store and lock', () => {
  it('inserts once and keeps the first checkout for an order', async () => {
    const store = createRedisPaymentStore({ redis, prefix });
    expect((await store.insert(checkout('a'))).created).toBe(true);
    const second = await store.insert({ ...checkout('a'), description: 'other' });
    expect(second.created).toBe(false);
    expect(second.checkout.description).toBe('x');
    expect((await store.listLive()).map((c) => c.id)).toEqual(['a']);
  });

  it('rejects a write based on a stale version', async () => {
    const store = createRedisPaymentStore({ redis, prefix });
    await store.insert(checkout('b'));
    expect(await store.replace({ ...checkout('b'), status: 'order_attached', version: 2 })).toBe(true);
    expect(await store.replace({ ...checkout('b'), status: 'expired', version: 2 })).toBe(false);
    expect((await store.get('b'))?.status).toBe('order_attached');
  });

  it('gives a lock to one holder until it is released, and sets the TTL it was asked for', async () => {
    const lock = createRedisLock({ redis, prefix });
    // A TTL far beyond the test's run, so a slow machine cannot let it lapse between the two acquires.
    const held = await lock.acquire('k', 60_000);
    expect(held).toBeDefined();
    expect(await lock.acquire('k', 60_000)).toBeUndefined();
    const ttl = await redis.pttl(`${prefix}lock:k`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
    await held?.release();
    expect(await redis.exists(`${prefix}lock:k`)).toBe(0);
    expect(await lock.acquire('k', 60_000)).toBeDefined();
  });

  it('lets the next worker take a lock whose TTL lapsed, and the late holder cannot release it', async () => {
    const lock = createRedisLock({ redis, prefix });
    const killed = await lock.acquire('k', 60_000);
    expect(killed).toBeDefined();
    // The TTL lapsing, made an event: Redis expires the key now instead of the test sleeping past it.
    await redis.pexpire(`${prefix}lock:k`, 0);
    const next = await lock.acquire('k', 60_000);
    expect(next).toBeDefined();
    await killed?.release(); // the first holder wakes up late: its token no longer matches
    expect(await lock.acquire('k', 60_000)).toBeUndefined();
    await next?.release();
    expect(await lock.acquire('k', 60_000)).toBeDefined();
  });

  it('never lets two workers sharing Redis both confirm a transaction', async () => {
    const wallet = createFakeWallet(1, 4);
    const workers = [0, 1, 2].map(() =>
      createScanAndPayEngine({
        wallet,
        store: createRedisPaymentStore({ redis, prefix }),
        lock: createRedisLock({ redis, prefix }),
        budget: createTokenBucket({ requestsPerMinute: 60_000 }),
      }),
    );
    for (let s = 1; s <= 4; s++) {
      await workers[0]?.startCheckout({
        orderId: `r${s}`,
        locationId: 1,
        spotId: 1000 + s,
        amount: { amount: 100, currency: 'EUR' },
        description: 'x',
      });
    }
    const round = () => Promise.all(workers.map((w) => w.tick()));
    await round();
    for (let s = 1; s <= 4; s++) wallet.scan(1000 + s);
    await round();
    for (let s = 1; s <= 4; s++) wallet.pay(1000 + s);
    for (let i = 0; i < 4; i++) await round();
    expect(wallet.calls.filter((c) => c === 'confirmTransaction')).toHaveLength(4);
    expect(wallet.calls.filter((c) => c === 'createTransaction')).toHaveLength(4);
    const store = createRedisPaymentStore({ redis, prefix });
    for (let s = 1; s <= 4; s++) expect((await store.get(`r${s}`))?.status).toBe('spot_closed');
  });

  it('shares one token bucket between workers: together they never take more than its capacity at once', async () => {
    const buckets = [0, 1, 2].map(() =>
      createRedisTokenBucket({ redis, prefix, requestsPerMinute: 1, burst: 5 }),
    );
    const taken = await Promise.all(Array.from({ length: 12 }, (_, i) => buckets[i % 3]?.tryTake()));
    expect(taken.filter(Boolean)).toHaveLength(5);
    expect(await buckets[0]?.msUntilToken()).toBeGreaterThan(0);
  });
});
