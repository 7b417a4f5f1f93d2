import { TillKitError } from '@tillkit/models';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTokenBucket } from './budget.ts';
import { createScanAndPayEngine, type ScanAndPayEngineOptions } from './engine.ts';
import { createFakeWallet } from './testing/fake-wallet.ts';

const order = (checkoutId: string, extra: Record<string, unknown> = {}) => ({
  orderId: 'order-1',
  checkoutId,
  locationId: 1,
  spotId: 1001,
  amount: { amount: 500, currency: 'EUR' },
  description: 'x',
  ...extra,
});

function setup(extra: Partial<ScanAndPayEngineOptions> = {}) {
  const wallet = createFakeWallet(1, 2);
  const engine = createScanAndPayEngine({
    wallet,
    budget: createTokenBucket({ requestsPerMinute: 6000 }),
    ...extra,
  });
  return { wallet, engine };
}

const count = (calls: string[], name: string) => calls.filter((c) => c === name).length;

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('engine: cancel, capture and release', () => {
  it('cancel after the order is attached: a later acceptance is never confirmed, it is revoked and the spot closed', async () => {
    const { wallet, engine } = setup();
    engine.start();
    await engine.startCheckout(order('att_1'));
    wallet.scan(1001);
    await vi.advanceTimersByTimeAsync(1000);
    expect((await engine.getCheckout('att_1'))?.status).toBe('order_attached');
    await engine.cancel('att_1');
    wallet.pay(1001);
    await vi.advanceTimersByTimeAsync(3000);
    const c = await engine.getCheckout('att_1');
    expect(c?.status).toBe('cancelled');
    expect(c?.released).toBe(true);
    expect(c?.spotClosed).toBe(true);
    expect(count(wallet.calls, 'confirmTransaction')).toBe(0);
    expect(count(wallet.calls, 'revokeTransaction')).toBe(1);
    expect([...wallet.transactions.values()][0]?.status).toBe('revoked');
    await engine.stop();
  });

  it('a cancel after the confirm was recorded is refused: the payment won', async () => {
    const { wallet, engine } = setup();
    engine.start();
    await engine.startCheckout(order('att_2'));
    wallet.scan(1001);
    await vi.advanceTimersByTimeAsync(1000);
    wallet.pay(1001);
    await vi.advanceTimersByTimeAsync(2000);
    await expect(engine.cancel('att_2')).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect((await engine.getCheckout('att_2'))?.status).toBe('spot_closed');
    await engine.stop();
  });

  it('manual capture: reserved waits; capture(lower) confirms once for the lower price; a second capture is a no-op', async () => {
    const { wallet, engine } = setup();
    engine.start();
    await engine.startCheckout(order('att_3', { captureMode: 'manual' }));
    wallet.scan(1001);
    await vi.advanceTimersByTimeAsync(1000);
    wallet.pay(1001);
    await vi.advanceTimersByTimeAsync(5000);
    expect((await engine.getCheckout('att_3'))?.status).toBe('reserved');
    expect(count(wallet.calls, 'confirmTransaction')).toBe(0);
    await expect(engine.capture('att_3', 501)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await engine.capture('att_3', 350);
    await vi.advanceTimersByTimeAsync(2000);
    const c = await engine.getCheckout('att_3');
    expect(c?.status).toBe('spot_closed');
    expect(c?.capturedAmount).toBe(350);
    expect([...wallet.transactions.values()][0]?.payments?.[0]?.price).toBe(350);
    await engine.capture('att_3');
    expect(count(wallet.calls, 'confirmTransaction')).toBe(1);
    await engine.stop();
  });

  it('a confirm that keeps answering 4xx is capped, then the reservation is revoked, not held', async () => {
    const { wallet, engine } = setup({ maxConfirmAttempts: 3 });
    wallet.confirmTransaction = async () => {
      wallet.calls.push('confirmTransaction');
      throw new TillKitError('UNAUTHENTICATED', 'clock skew');
    };
    engine.start();
    await engine.startCheckout(order('att_4'));
    wallet.scan(1001);
    await vi.advanceTimersByTimeAsync(1000);
    wallet.pay(1001);
    await vi.advanceTimersByTimeAsync(10_000);
    const c = await engine.getCheckout('att_4');
    expect(c?.status).toBe('failed');
    expect(c?.failure?.code).toBe('UNAUTHENTICATED');
    expect(c?.released).toBe(true);
    expect(count(wallet.calls, 'confirmTransaction')).toBe(3);
    expect([...wallet.transactions.values()][0]?.status).toBe('revoked');
    await engine.stop();
  });

  it('a checkout that expires before its create answered revokes the orphan transaction', async () => {
    const { wallet, engine } = setup({ checkoutTtlMs: 2_000, lockTtlMs: 3_000 });
    wallet.failNext('createTransaction', new TillKitError('TIMEOUT', 'no answer'), true);
    // The Wallet cannot be read until well past the checkout's expiry: the engine must not forget the create.
    const list = wallet.listTransactions;
    const readableAt = Date.now() + 6_000;
    wallet.listTransactions = async (q) => {
      if (Date.now() < readableAt) throw new TillKitError('TIMEOUT', 'no answer');
      return list(q);
    };
    engine.start();
    await engine.startCheckout(order('att_5'));
    await vi.advanceTimersByTimeAsync(4_000);
    expect((await engine.getCheckout('att_5'))?.status).toBe('expired');
    expect([...wallet.transactions.values()].map((t) => t.status)).toEqual(['new']);
    await vi.advanceTimersByTimeAsync(20_000);
    const c = await engine.getCheckout('att_5');
    expect(c?.released).toBe(true);
    expect(c?.spotClosed).toBe(true);
    expect([...wallet.transactions.values()].map((t) => t.status)).toEqual(['revoked']);
    await engine.stop();
  });
});
