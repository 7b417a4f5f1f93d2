import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as q from './graphql.ts';
import {
  adminOrder,
  bootShop,
  customer,
  journal,
  orderIn,
  poll,
  pollUntil,
  type Shop,
  shopperStarts,
  startCheckout,
  waitFor,
} from './harness.ts';

const CONFIRM = 'PUT /rest/v1/transaction/*/confirm';

describe('Paysera scan-and-pay with manual capture (authorize, then settle in the admin)', () => {
  let t: Shop;
  beforeAll(async () => {
    t = await bootShop(3121);
    await t.admin.query(q.CREATE_METHOD, { code: 'paysera-manual', captureMode: 'manual' });
  });
  afterAll(() => t?.close());

  it('authorizes when the customer pays; the admin settles it, confirming once, with one receipt', async () => {
    const before = { receipts: journal(t).length, confirms: t.sandbox.control.count(CONFIRM) };
    const { code, attempt } = await shopperStarts(t);
    await customer(t, attempt.qrPayload);
    const authorized = await orderIn(t, code, 'PaymentAuthorized');
    const payment = authorized.payments[0];
    expect(payment).toMatchObject({ state: 'Authorized', amount: authorized.totalWithTax });
    expect(t.sandbox.control.count(CONFIRM)).toBe(before.confirms);
    // The admin's settle asks Paysera to confirm; the payment settles when the confirm lands.
    const settle = await t.admin.query(q.SETTLE, { id: payment?.id });
    expect(settle.settlePayment.paymentErrorMessage).toMatch(/^Capture sent to Paysera/);
    const paid = await orderIn(t, code, 'PaymentSettled');
    expect(paid.payments.map((p) => p.state)).toEqual(['Settled']);
    const signed = await waitFor(
      () => adminOrder(t, code),
      (o) => o.tillkitReceipts[0]?.state === 'signed',
      'the sale receipt',
    );
    expect(signed.tillkitReceipts[0]?.total).toBe(authorized.totalWithTax);
    expect(t.sandbox.control.count(CONFIRM) - before.confirms).toBe(1);
    expect(journal(t).length - before.receipts).toBe(1);
    // Settling again is a no-op for Vendure and for Paysera.
    const again = await t.admin.query(q.SETTLE, { id: payment?.id });
    expect(again.settlePayment).toMatchObject({ state: 'Settled' });
    expect(t.sandbox.control.count(CONFIRM) - before.confirms).toBe(1);
  });

  it('cancelling the authorized payment releases the reservation: no confirm, no receipt', async () => {
    const before = { receipts: journal(t).length, confirms: t.sandbox.control.count(CONFIRM) };
    const { code, attempt } = await shopperStarts(t);
    await customer(t, attempt.qrPayload);
    const authorized = await orderIn(t, code, 'PaymentAuthorized');
    const cancelled = await t.admin.query(q.CANCEL, { id: authorized.payments[0]?.id });
    expect(cancelled.cancelPayment).toMatchObject({ state: 'Cancelled' });
    const released = await pollUntil(t, attempt, (c) => c.terminal, 'the cancelled attempt');
    expect(released).toMatchObject({ status: 'CANCELLED', paid: false });
    expect(t.sandbox.control.count(CONFIRM)).toBe(before.confirms);
    expect(journal(t).length).toBe(before.receipts);
  });

  it('a cart changed while a checkout is live: starting again releases that one and pays the new total', async () => {
    const { code, attempt } = await shopperStarts(t);
    expect((await startCheckout(t)).id).toBe(attempt.id); // the same cart: the same live checkout
    await t.shop.query(q.ADD_ITEM, { id: 'T_1', qty: 1 });
    const next = await startCheckout(t);
    expect(next.id).not.toBe(attempt.id);
    expect(next.amount.amount).toBeGreaterThan(attempt.amount.amount);
    expect(await poll(t, attempt)).toMatchObject({ status: 'CANCELLED', terminal: true });
    await customer(t, next.qrPayload);
    const order = await orderIn(t, code, 'PaymentAuthorized');
    expect(order.payments.map((p) => [p.transactionId, p.amount])).toEqual([[next.id, order.totalWithTax]]);
  });
});
