import { type Sandbox, startSandbox } from '@tillkit/sandbox';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkoutOptionsFromConfig } from './config.ts';
import { orderReceipts } from './order-receipts.ts';
import { createCheckoutService } from './service.ts';
import { createMemoryCheckoutStore } from './store/memory.ts';
import type { CheckoutService } from './types.ts';

let sandbox: Sandbox;
let service: CheckoutService;
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const opts = { timeout: 20_000, interval: 25 };

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: { wallet: { spots: 4 } } });
  const { wallet: w, fiskaltrust: f } = sandbox.credentials;
  const config = {
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

async function start(orderRef: string, cents: number) {
  const lines = [{ description: 'Cake', quantity: 1, unitPrice: cents, vatRate: 10 }];
  return service.start({ orderRef, amount: eur(cents), order: { lines }, description: orderRef });
}

describe('orderReceipts', { timeout: 40_000 }, () => {
  it('lists only the paid attempt: its signed sale receipt, then each refund with its refund receipt', async () => {
    const unpaid = await start('REC-1', 1000);
    await service.cancel(unpaid.id);
    expect(await orderReceipts(service, 'REC-1')).toEqual([]);

    const paid = await start('REC-1', 1000);
    await vi.waitFor(() => expect(sandbox.control.wallet.scan(paid.qrPayload).ok).toBe(true), opts);
    await vi.waitFor(async () => expect((await service.get(paid.id))?.status).toBe('order_attached'), opts);
    const spot = sandbox.credentials.wallet.spots.find((s) => s.code === paid.qrPayload);
    expect(sandbox.control.wallet.accept(spot?.id ?? 0).ok).toBe(true);
    await vi.waitFor(async () => expect((await service.receipt(paid.id)).state).toBe('signed'), opts);
    const refund = await service.refund(paid.id, { idempotencyKey: 'r1', amount: eur(400) });
    await vi.waitFor(async () => expect((await service.refundReceipt(refund.id)).state).toBe('signed'), opts);

    const [only, ...rest] = await orderReceipts(service, 'REC-1');
    expect(rest).toEqual([]);
    expect(only?.attempt.id).toBe(paid.id);
    expect(only?.receipt).toMatchObject({ state: 'signed', receipt: { kind: 'sale', total: eur(1000) } });
    expect(only?.refunds).toEqual([
      {
        refund: expect.objectContaining({ id: refund.id, status: 'succeeded', amount: eur(400) }),
        receipt: expect.objectContaining({
          state: 'signed',
          receipt: expect.objectContaining({ kind: 'refund' }),
        }),
      },
    ]);
  });
});
