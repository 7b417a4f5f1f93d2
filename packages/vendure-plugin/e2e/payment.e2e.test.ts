import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as q from './graphql.ts';
import {
  adminOrder,
  bootShop,
  customer,
  errorCode,
  journal,
  orderIn,
  poll,
  pollUntil,
  receiptsSigned,
  type Shop,
  shopperStarts,
  startCheckout,
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

  it('add items, tillkitStartCheckout, pay, poll until signed: PaymentSettled with exactly one signed receipt', async () => {
    const before = journal(t).length;
    const { code, attempt } = await shopperStarts(t);
    expect(attempt).toMatchObject({
      orderRef: code,
      status: 'AWAITING_SCAN',
      paid: false,
      receiptStatus: 'NONE',
    });
    expect(attempt.token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(attempt.qrPayload).toMatch(/^PAYSERA\*\d+:/);
    expect(attempt.pollAfterMs).toBeGreaterThan(0);
    expect((await adminOrder(t, code)).state).toBe('AddingItems');
    await customer(t, attempt.qrPayload);
    const done = await pollUntil(
      t,
      attempt,
      (c) => c.paid && c.receiptStatus === 'SIGNED',
      'paid and signed',
    );
    expect(done).toMatchObject({ status: 'CONFIRMED', terminal: true, pollAfterMs: 0 });
    const paid = await orderIn(t, code, 'PaymentSettled');
    expect(paid.payments).toEqual([
      expect.objectContaining({ state: 'Settled', amount: paid.totalWithTax, transactionId: attempt.id }),
    ]);
    expect(done.amount).toEqual({
      amount: paid.totalWithTax,
      currency: 'EUR',
      formatted: expect.any(String),
    });
    const { tillkitReceipt } = await t.shop.query(q.RECEIPT_OF, { id: attempt.id, token: attempt.token });
    expect(tillkitReceipt).toEqual(done.receipt);
    expect(tillkitReceipt).toMatchObject({
      kind: 'SALE',
      total: { amount: paid.totalWithTax, currency: 'EUR' },
    });
    expect(tillkitReceipt.printable).toContain(tillkitReceipt.receiptId);
    expect(tillkitReceipt.printable).toContain('Parcel');
    const signed = await adminOrder(t, code);
    expect(signed.tillkitReceipts).toEqual([
      expect.objectContaining({
        kind: 'sale',
        state: 'signed',
        attemptId: attempt.id,
        total: paid.totalWithTax,
      }),
    ]);
    expect(signed.tillkitReceipts[0]?.receiptId).toBe(tillkitReceipt.receiptId);
    const receipts = journal(t);
    expect(receipts.length - before).toBe(1);
    expect(receipts.at(-1)?.cbReceiptReference).toBe(signed.tillkitReceipts[0]?.reference);
    // The shopper sees the same receipts on their own order.
    const own = await t.shop.query(q.SHOP_ORDER, { code });
    expect(own.orderByCode.tillkitReceipts).toEqual(signed.tillkitReceipts);
    // The receipt was signed by a Vendure job (the checkout service dispatches its jobs to the JobQueue).
    const { jobs } = await t.admin.query(q.JOBS);
    const signs = jobs.items.filter((j: { data: { job: string } }) => j.data.job.includes('receipt.sign'));
    expect(signs.map((j: { state: string }) => j.state)).toContain('COMPLETED');
  });

  it('refuses a wrong token, and another shopper cannot read the checkout', async () => {
    const { attempt } = await shopperStarts(t);
    const wrong = {
      id: attempt.id,
      token: attempt.token.slice(0, -1) + (attempt.token.endsWith('A') ? 'B' : 'A'),
    };
    expect(await errorCode(poll(t, wrong))).toBe('NOT_FOUND');
    expect(await errorCode(t.shop.query(q.RECEIPT_OF, wrong))).toBe('NOT_FOUND');
    // Another shopper (a new session) with a checkout and token of their own: neither opens the first one.
    const other = await shopperStarts(t);
    expect(await errorCode(poll(t, { id: attempt.id, token: other.attempt.token }))).toBe('NOT_FOUND');
    expect(await errorCode(poll(t, { id: other.attempt.id, token: attempt.token }))).toBe('NOT_FOUND');
    expect((await poll(t, other.attempt)).id).toBe(other.attempt.id);
    // A malformed token never reaches the service.
    expect(await errorCode(poll(t, { id: attempt.id, token: 'short' }))).toBe('BAD_USER_INPUT');
  });

  it('refuses cart lines sent with the start: the active order is the cart', async () => {
    await shopperStarts(t);
    const input = { lines: [{ productId: 'T_1', quantity: 1 }] };
    expect(await errorCode(t.shop.query(q.START, { input }))).toBe('BAD_USER_INPUT');
  });

  it('lets the shopper pay again after declining in the app', async () => {
    const { code, attempt } = await shopperStarts(t);
    await customer(t, attempt.qrPayload, 'reject');
    const rejected = await pollUntil(t, attempt, (c) => c.terminal, 'the rejection');
    expect(rejected).toMatchObject({ status: 'REJECTED', paid: false, pollAfterMs: 0 });
    expect((await adminOrder(t, code)).state).toBe('AddingItems');
    const again = await startCheckout(t);
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
    expect(attempt.amount.currency).toBe('JPY');
    await customer(t, attempt.qrPayload);
    const paid = await orderIn(t, code, 'PaymentSettled');
    expect(paid.currencyCode).toBe('JPY');
    expect(attempt.amount.amount * 100).toBe(paid.totalWithTax);
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
    const expired = await pollUntil(t, attempt, (c) => c.status === 'EXPIRED', 'the expiry');
    expect(expired).toMatchObject({ terminal: true, pollAfterMs: 0 });
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
