import { type Sandbox, startSandbox } from '@tillkit/sandbox';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkoutOptionsFromConfig } from './config.ts';
import { createCheckoutService } from './service.ts';
import { createMemoryCheckoutStore } from './store/memory.ts';
import type { CheckoutService, PaymentAttempt } from './types.ts';
import { captureAndWait, refundAndWait } from './wait.ts';

let sandbox: Sandbox;
let service: CheckoutService;
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const confirms = () => sandbox.control.count('PUT /rest/v1/transaction/*/confirm');
const slow = (route: string, latencyMs: number) =>
  sandbox.control.faults.add({ route, kind: 'latency', latencyMs, times: 1 });

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: { wallet: { spots: 6 } } });
  const { wallet: w, fiskaltrust: f } = sandbox.credentials;
  const config = {
    captureMode: 'manual' as const,
    refundWindowHours: 24,
    paysera: { macId: w.macId, macKey: w.macKey, locationId: w.locationId, walletUrl: sandbox.urls.wallet },
    fiskaltrust: { cashBoxId: f.cashBoxId, accessToken: f.accessToken, url: sandbox.url },
    ticker: { intervalMs: 50, idleMs: 100 },
  };
  service = createCheckoutService(checkoutOptionsFromConfig(config, { store: createMemoryCheckoutStore() }));
  service.run();
});
afterAll(async () => {
  await service.stop();
  await sandbox.close();
});

/** A manual-capture attempt the customer has paid: reserved, waiting for the capture. */
async function reserved(orderRef: string): Promise<PaymentAttempt> {
  const lines = [{ description: 'Cake', quantity: 1, unitPrice: 1000, vatRate: 10 }];
  const a = await service.start({ orderRef, amount: eur(1000), order: { lines }, description: orderRef });
  const opts = { timeout: 15_000, interval: 25 };
  await vi.waitFor(() => expect(sandbox.control.wallet.scan(a.qrPayload).ok).toBe(true), opts);
  await vi.waitFor(async () => expect((await service.get(a.id))?.status).toBe('order_attached'), opts);
  const spot = sandbox.credentials.wallet.spots.find((s) => s.code === a.qrPayload);
  expect(sandbox.control.wallet.accept(spot?.id ?? 0).ok).toBe(true);
  await vi.waitFor(async () => expect((await service.get(a.id))?.status).toBe('reserved'), opts);
  return a;
}

// The engine polls Paysera at its own pace: a payment takes a few seconds to reach `reserved`.
describe('captureAndWait', { timeout: 30_000 }, () => {
  it('returns once the ticker confirmed, for the lower amount; again is the same success', async () => {
    const a = await reserved('WAIT-1');
    const before = confirms();
    const done = await captureAndWait(service, a.id, eur(800));
    expect(done).toMatchObject({ status: 'confirmed', capturedAmount: eur(800) });
    expect((await captureAndWait(service, a.id)).capturedAmount).toEqual(eur(800));
    expect(confirms()).toBe(before + 1);
  });

  it('a confirm still in flight when the wait ends is a retryable error; the retry confirms once', async () => {
    const a = await reserved('WAIT-2');
    const before = confirms();
    slow('PUT /rest/v1/transaction/*/confirm', 1_500);
    await expect(captureAndWait(service, a.id, undefined, { timeoutMs: 200 })).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      retryable: true,
    });
    expect((await captureAndWait(service, a.id)).status).toBe('confirmed');
    expect(confirms()).toBe(before + 1);
  });

  it('an attempt that ended unpaid is INVALID_STATE', async () => {
    const a = await reserved('WAIT-3');
    await service.cancel(a.id);
    await expect(captureAndWait(service, a.id)).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });
});

describe('refundAndWait', { timeout: 30_000 }, () => {
  it('returns the succeeded refund; a concurrent call with the same key waits for the first', async () => {
    const a = await captureAndWait(service, (await reserved('WAIT-4')).id);
    slow('DELETE /rest/v1/payment/*', 800);
    const input = { idempotencyKey: 'rf-1' };
    const first = refundAndWait(service, a.id, input);
    await vi.waitFor(async () => expect(await service.refunds(a.id)).toHaveLength(1));
    const [one, two] = await Promise.all([first, refundAndWait(service, a.id, input)]);
    expect(one).toMatchObject({ status: 'succeeded', amount: eur(1000) });
    expect(two.id).toBe(one.id);
    expect(sandbox.control.count('DELETE /rest/v1/payment/*')).toBe(1);
  });

  it('a refund still pending when the wait ends is a retryable error', async () => {
    const a = await captureAndWait(service, (await reserved('WAIT-5')).id);
    slow('DELETE /rest/v1/payment/*', 1_000);
    const first = service.refund(a.id, { idempotencyKey: 'rf-2' });
    await vi.waitFor(async () => expect(await service.refunds(a.id)).toHaveLength(1));
    await expect(
      refundAndWait(service, a.id, { idempotencyKey: 'rf-2' }, { timeoutMs: 100 }),
    ).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', retryable: true });
    expect((await first).status).toBe('succeeded');
  });
});
