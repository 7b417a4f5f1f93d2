import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as q from './graphql.ts';
import {
  adminOrder,
  bootShop,
  customer,
  journal,
  orderIn,
  receiptsSigned,
  type Shop,
  shopperStarts,
  waitFor,
} from './harness.ts';

describe('Paysera scan-and-pay on a real Vendure server (automatic capture)', () => {
  let t: Shop;
  let skew = 0;
  beforeAll(async () => {
    t = await bootShop(3111, { clock: () => Date.now() + skew });
    await t.admin.query(q.CREATE_METHOD, { code: 'paysera', captureMode: 'automatic' });
  });
  afterAll(() => t?.close());

  it('takes the order from the QR to PaymentSettled with exactly one signed receipt', async () => {
    const before = journal(t).length;
    const { code, attempt } = await shopperStarts(t);
    expect(attempt.qrPayload).toMatch(/^PAYSERA\*\d+:/);
    expect((await adminOrder(t, code)).state).toBe('AddingItems');
    await customer(t, attempt.qrPayload);
    const paid = await orderIn(t, code, 'PaymentSettled');
    expect(paid.payments).toEqual([
      expect.objectContaining({ state: 'Settled', amount: paid.totalWithTax, transactionId: attempt.id }),
    ]);
    const signed = await waitFor(
      () => adminOrder(t, code),
      (o) => o.tillkitReceipts[0]?.state === 'signed',
      'the sale receipt',
    );
    const [receipt] = signed.tillkitReceipts;
    expect(receipt).toMatchObject({ kind: 'sale', attemptId: attempt.id, total: paid.totalWithTax });
    expect(receipt?.printable).toContain(receipt?.receiptId);
    const receipts = journal(t);
    expect(receipts.length - before).toBe(1);
    expect(receipts.at(-1)?.cbReceiptReference).toBe(receipt?.reference);
    // The receipt was signed by a Vendure job (the checkout service dispatches its jobs to the JobQueue).
    const { jobs } = await t.admin.query(q.JOBS);
    const signs = jobs.items.filter((j: { data: { job: string } }) => j.data.job.includes('receipt.sign'));
    expect(signs.map((j: { state: string }) => j.state)).toContain('COMPLETED');
  });

  it('lets the shopper pay again after declining in the app', async () => {
    const { code, attempt } = await shopperStarts(t);
    await customer(t, attempt.qrPayload, 'reject');
    const rejected = await waitFor(
      () => t.shop.query(q.ATTEMPT, { id: attempt.id }),
      (r) => r.tillkitCheckout.status === 'rejected',
      'the rejection',
    );
    expect(rejected.tillkitCheckout.status).toBe('rejected');
    expect((await adminOrder(t, code)).state).toBe('AddingItems');
    const { startTillKitCheckout: again } = await t.shop.query(q.START);
    expect(again.id).not.toBe(attempt.id);
    await customer(t, again.qrPayload);
    const paid = await orderIn(t, code, 'PaymentSettled');
    expect(paid.payments.map((p) => [p.state, p.transactionId])).toEqual([['Settled', again.id]]);
  });

  it('refunds a whole payment with one signed refund receipt', async () => {
    const { code, attempt } = await shopperStarts(t);
    await customer(t, attempt.qrPayload);
    const payment = (await orderIn(t, code, 'PaymentSettled')).payments[0];
    const full = await t.admin.query(q.REFUND, { paymentId: payment?.id, amount: payment?.amount });
    expect(full.refundOrder).toMatchObject({ state: 'Settled', total: payment?.amount });
    const order = await receiptsSigned(t, code, 2);
    expect(order.tillkitReceipts.map((r) => [r.kind, r.total])).toEqual([
      ['sale', payment?.amount],
      ['refund', payment?.amount],
    ]);
  });

  it('refunds part of a payment once; a second refund fails typed, with no receipt (the payment settled)', async () => {
    const { code, attempt } = await shopperStarts(t);
    await customer(t, attempt.qrPayload);
    const payment = (await orderIn(t, code, 'PaymentSettled')).payments[0];
    const partial = await t.admin.query(q.REFUND, { paymentId: payment?.id, amount: 1000 });
    expect(partial.refundOrder).toMatchObject({ state: 'Settled', total: 1000 });
    await receiptsSigned(t, code, 2);
    const before = journal(t).length;
    const second = await t.admin.query(q.REFUND, { paymentId: payment?.id, amount: 500 });
    expect(second.refundOrder).toMatchObject({ state: 'Failed', total: 500 });
    const order = await adminOrder(t, code);
    expect(order.tillkitReceipts.map((r) => [r.kind, r.total])).toEqual([
      ['sale', payment?.amount],
      ['refund', 1000],
    ]);
    expect(journal(t).length).toBe(before);
  });

  it('converts JPY once: Vendure ×100 in, whole yen to Paysera and fiskaltrust', async () => {
    await t.admin.query(q.SET_JPY_PRICES, {
      input: [
        { id: 'T_1', prices: [{ currencyCode: 'JPY', price: 380000 }] },
        { id: 'T_2', prices: [{ currencyCode: 'JPY', price: 900000 }] },
      ],
    });
    const { code, attempt } = await shopperStarts(t, 'JPY');
    expect(attempt.currencyCode).toBe('JPY');
    await customer(t, attempt.qrPayload);
    const paid = await orderIn(t, code, 'PaymentSettled');
    expect(paid.currencyCode).toBe('JPY');
    expect(attempt.amount).toBe(paid.totalWithTax);
    const signed = await waitFor(
      () => adminOrder(t, code),
      (o) => o.tillkitReceipts[0]?.state === 'signed',
      'the JPY receipt',
    );
    expect(signed.tillkitReceipts[0]).toMatchObject({ total: paid.totalWithTax, currencyCode: 'JPY' });
    expect(journal(t).at(-1)?.ftReceiptTotal).toBe(paid.totalWithTax / 100);
  });

  // Last in the file: it moves the service's clock on for good.
  it('an attempt not paid in time expires: its transaction is revoked, the order stays unpaid', async () => {
    const { code, attempt } = await shopperStarts(t);
    const spot = t.sandbox.credentials.wallet.spots.find((s) => s.code === attempt.qrPayload);
    await waitFor(
      async () => t.sandbox.control.wallet.scan(attempt.qrPayload),
      (r) => r.ok,
      'the scan',
    );
    skew += 10 * 60_000;
    const expired = await waitFor(
      () => t.shop.query(q.ATTEMPT, { id: attempt.id }),
      (r) => r.tillkitCheckout.status === 'expired',
      'the expiry',
    );
    expect(expired.tillkitCheckout.status).toBe('expired');
    const late = await waitFor(
      async () => t.sandbox.control.wallet.accept(spot?.id ?? 0),
      (r) => !r.ok && r.status === 409,
      'the wallet to refuse a late payment',
    );
    expect(late.ok).toBe(false);
    const order = await adminOrder(t, code);
    expect([order.state, order.payments]).toEqual(['AddingItems', []]);
  });
});
