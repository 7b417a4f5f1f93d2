import { TillKitError } from '@tillkit/models';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTokenBucket } from './budget.ts';
import { createScanAndPayEngine, type ScanAndPayEngineOptions } from './engine.ts';
import { createMemoryLock, createMemoryPaymentStore } from './store.ts';
import { createFakeWallet } from './testing/fake-wallet.ts';
import type { CheckoutStatus } from './types.ts';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

function setup(extra: Partial<ScanAndPayEngineOptions> = {}) {
  const wallet = createFakeWallet(2, 3);
  const engine = createScanAndPayEngine({
    wallet,
    budget: createTokenBucket({ requestsPerMinute: 600 }),
    ...extra,
  });
  const seen: CheckoutStatus[] = [];
  engine.onStatus((e) => seen.push(e.status));
  return { wallet, engine, seen };
}

/** A 5.00 EUR order on a spot of location 1. */
const order = (orderId: string, spotId: number) => ({
  orderId,
  locationId: 1,
  spotId,
  amount: eur(500),
  description: 'x',
});

/** Starts the engine's own loop and a checkout on spot 1001, scans it, and lets the order be attached. */
async function startScanned({ wallet, engine }: ReturnType<typeof setup>, orderId: string): Promise<void> {
  engine.start();
  await engine.startCheckout(order(orderId, 1001));
  wallet.scan(1001);
  await vi.advanceTimersByTimeAsync(1000);
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('scan-and-pay engine', () => {
  it('drives a checkout from scan to a closed spot and shows the spot QR', async () => {
    const { wallet, engine, seen } = setup();
    engine.start();
    const c = await engine.startCheckout({
      orderId: 'A-1',
      locationId: 1,
      spotId: 1002,
      amount: eur(2599),
      description: 'Table 2',
    });
    expect(c.qr).toBe('PAYSERA*1:t2');
    await vi.advanceTimersByTimeAsync(1000);
    wallet.scan(1002);
    await vi.advanceTimersByTimeAsync(1000);
    expect((await engine.getCheckout('A-1'))?.status).toBe('order_attached');
    wallet.pay(1002);
    await vi.advanceTimersByTimeAsync(1000);
    await engine.stop();
    expect(seen).toEqual(['order_attached', 'reserved', 'confirmed', 'spot_closed']);
    const key = (await engine.getCheckout('A-1'))?.transactionKey as string;
    expect(wallet.transactions.get(key)?.status).toBe('confirmed');
    expect(wallet.transactions.get(key)?.payments[0]).toMatchObject({
      price: 2599,
      currency: 'EUR',
      parameters: { orderid: 'A-1' },
    });
    expect(wallet.spots.get(1002)?.status).toBe('free');
  });

  it('returns the same checkout and creates one transaction when an order is started twice', async () => {
    const { wallet, engine } = setup();
    const input = { orderId: 'A-2', locationId: 1, spotId: 1001, amount: eur(100), description: 'x' };
    const a = await engine.startCheckout(input);
    const b = await engine.startCheckout(input);
    await engine.tick();
    await engine.tick();
    expect(b.id).toBe(a.id);
    expect(wallet.transactions.size).toBe(1);
  });

  it('keeps the spot claimed when the same order is started twice at once', async () => {
    const { engine } = setup();
    const input = { orderId: 'A-3', locationId: 1, spotId: 1001, amount: eur(100), description: 'x' };
    const withIdentifier = { ...input, spotIdentifier: 't1' };
    await Promise.all([engine.startCheckout(withIdentifier), engine.startCheckout(withIdentifier)]);
    await expect(engine.startCheckout({ ...withIdentifier, orderId: 'A-4' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('ends rejected and closes the spot when the shopper rejects', async () => {
    const { wallet, engine, seen } = setup();
    engine.start();
    await engine.startCheckout({
      orderId: 'R-1',
      locationId: 2,
      spotId: 2001,
      amount: eur(500),
      description: 'x',
    });
    wallet.scan(2001);
    await vi.advanceTimersByTimeAsync(1000);
    wallet.reject(2001);
    await vi.advanceTimersByTimeAsync(3000);
    await engine.stop();
    expect(seen).toEqual(['order_attached', 'rejected']);
    expect((await engine.getCheckout('R-1'))?.spotClosed).toBe(true);
    expect(wallet.calls).toContain('closeSpot');
  });

  it('expires an unpaid checkout, revokes its transaction and closes the spot', async () => {
    const { wallet, engine, seen } = setup({ checkoutTtlMs: 5000 });
    engine.start();
    await engine.startCheckout(order('E-1', 1003));
    wallet.scan(1003);
    await vi.advanceTimersByTimeAsync(7000);
    await engine.stop();
    const c = await engine.getCheckout('E-1');
    expect(seen).toEqual(['order_attached', 'expired']);
    expect(wallet.transactions.get(c?.transactionKey as string)?.status).toBe('revoked');
    expect(c?.spotClosed).toBe(true);
  });

  it('confirms rather than revokes a transaction the shopper paid just before the deadline', async () => {
    const { wallet, engine, seen } = setup({ checkoutTtlMs: 5000 });
    await engine.startCheckout(order('E-2', 1002));
    await engine.tick();
    wallet.scan(1002);
    await engine.tick();
    wallet.pay(1002);
    vi.setSystemTime(Date.now() + 6000);
    await engine.tick();
    expect(seen).toEqual(['order_attached', 'reserved', 'confirmed', 'spot_closed']);
    expect(wallet.calls).not.toContain('revokeTransaction');
  });

  it('does not confirm twice when the confirm committed but its response was dropped', async () => {
    const t = setup();
    const { wallet, engine, seen } = t;
    await startScanned(t, 'D-1');
    wallet.failNext('confirmTransaction', new TillKitError('NETWORK_ERROR', 'socket hang up'), true);
    wallet.pay(1001);
    await vi.advanceTimersByTimeAsync(2000);
    await engine.stop();
    expect(wallet.calls.filter((c) => c === 'confirmTransaction')).toHaveLength(1);
    expect(seen.slice(-2)).toEqual(['confirmed', 'spot_closed']);
  });

  it('confirms again after a confirm that failed before committing', async () => {
    const t = setup();
    const { wallet, engine } = t;
    await startScanned(t, 'D-2');
    wallet.failNext('confirmTransaction', new TillKitError('UPSTREAM_UNAVAILABLE', '503'), false);
    wallet.pay(1001);
    await vi.advanceTimersByTimeAsync(3000);
    await engine.stop();
    expect(wallet.calls.filter((c) => c === 'confirmTransaction')).toHaveLength(2);
    expect((await engine.getCheckout('D-2'))?.status).toBe('spot_closed');
  });

  it('lets a second worker resume a checkout after the first died holding its lock', async () => {
    const store = createMemoryPaymentStore();
    const lock = createMemoryLock();
    const wallet = createFakeWallet(1, 2);
    const budget = createTokenBucket({ requestsPerMinute: 600 });
    const first = createScanAndPayEngine({ wallet, store, lock, budget, lockTtlMs: 10_000 });
    await first.startCheckout(order('K-1', 1001));
    await first.tick();
    // The first worker dies holding the checkout lock mid-round.
    await lock.acquire('checkout:K-1', 10_000);
    wallet.scan(1001);
    const second = createScanAndPayEngine({ wallet, store, lock, budget, lockTtlMs: 10_000 });
    await second.tick();
    expect((await store.get('K-1'))?.status).toBe('awaiting_scan');
    await vi.advanceTimersByTimeAsync(10_001);
    await second.tick();
    wallet.pay(1001);
    await second.tick();
    expect((await store.get('K-1'))?.status).toBe('spot_closed');
    expect(wallet.transactions.size).toBe(1);
  });

  it('finds the transaction a dead worker created instead of creating a second one', async () => {
    const store = createMemoryPaymentStore();
    const wallet = createFakeWallet(1, 1);
    const engine = createScanAndPayEngine({
      wallet,
      store,
      budget: createTokenBucket({ requestsPerMinute: 600 }),
    });
    await engine.startCheckout(order('K-2', 1001));
    // Created upstream, then the response was lost: the key never reached the store.
    wallet.failNext('createTransaction', new TillKitError('TIMEOUT', 'timed out'), true);
    await engine.tick();
    await engine.tick();
    expect(wallet.transactions.size).toBe(1);
    expect((await store.get('K-2'))?.transactionKey).toBe([...wallet.transactions.keys()][0]);
  });

  it('looks for a transaction that was never created with one listing, then creates it', async () => {
    const { wallet, engine } = setup();
    await engine.startCheckout(order('K-3', 1001));
    // Refused before anything was created: the next round must look once, then create.
    wallet.failNext('createTransaction', new TillKitError('TIMEOUT', 'timed out'), false);
    await engine.tick();
    await engine.tick();
    expect(wallet.calls.filter((c) => c === 'listTransactions')).toHaveLength(1);
    expect(wallet.transactions.size).toBe(1);
    expect((await engine.getCheckout('K-3'))?.transactionKey).toBe([...wallet.transactions.keys()][0]);
  });
});
