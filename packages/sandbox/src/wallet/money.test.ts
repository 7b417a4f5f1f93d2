import { signMac } from '@tillkit/auth';
import { Transaction, WalletPayment } from '@tillkit/models';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../sandbox.ts';
import { control, manualClock, obj, type WalletOptions, wallet } from '../testing/helpers.ts';

// The money lifecycle after a reservation (spec §6): confirm (lower prices), freeze, payment cancel (full
// refund), finalize (settle, optionally lower), revoke of a reservation. Every "exactly once" is read from
// the sandbox's own ledger, not from what the caller believes happened.

let s: Sandbox;
const clock = manualClock();
beforeAll(async () => {
  s = await startSandbox({ now: clock.now, seed: { wallet: { spots: 12 } } });
});
afterAll(() => s.close());
beforeEach(() => s.control.faults.clear());

const call = (method: string, path: string, o: WalletOptions = {}) =>
  wallet(s, method, path, { timestamp: clock.seconds(), ...o });

let spotIndex = 0;
/** A transaction with one payment, attached to a fresh spot and reserved by the customer. */
async function reserved(price = 2000, freezeHours?: number, extra: Record<string, unknown> = {}) {
  const spot = s.credentials.wallet.spots[spotIndex++];
  if (spot === undefined) throw new Error('out of seeded spots');
  s.control.wallet.scan(spot.code);
  const payment = {
    description: 'Table',
    price,
    currency: 'EUR',
    ...(freezeHours ? { freeze_for: freezeHours } : {}),
  };
  const created = await call('POST', '/transaction', { body: { payments: [payment], ...extra } });
  expect(created.status).toBe(200);
  const tx = Transaction.parse(created.body);
  await call('POST', `/spot/${spot.id}/order`, { body: { transaction_key: tx.transaction_key } });
  expect(s.control.wallet.accept(spot.id).ok).toBe(true);
  return { key: tx.transaction_key, paymentId: (tx.payments[0] as WalletPayment).id };
}

async function confirm(key: string, body?: unknown) {
  const res = await call('PUT', `/transaction/${key}/confirm`, body === undefined ? {} : { body });
  expect(res.status).toBe(200);
  return Transaction.parse(res.body).payments[0] as WalletPayment;
}

const ledger = (key: string) => s.control.walletLedger.transaction(key);

describe('Wallet money lifecycle', () => {
  it('settles a payment without a freeze as done at confirm; it can no longer be cancelled or finalized', async () => {
    const { key, paymentId } = await reserved(2000);
    const payment = await confirm(key);
    expect(payment).toMatchObject({ status: 'done', cancelable: false, freeze_for: 0, freeze: { for: 0 } });
    for (const [method, path] of [
      ['DELETE', `/payment/${paymentId}`],
      ['PUT', `/payment/${paymentId}/finalize`],
    ] as const) {
      const res = await call(method, path);
      expect([res.status, obj(res)['error']]).toEqual([409, 'invalid_state']);
    }
    expect(ledger(key)).toMatchObject({ confirms: 1, captured: 2000, refunded: 0 });
  });

  it('keeps a frozen payment confirmed and cancelable until its freeze ends, then done', async () => {
    const { key, paymentId } = await reserved(2000, 2);
    const payment = await confirm(key);
    expect(payment).toMatchObject({
      status: 'confirmed',
      cancelable: true,
      freeze_for: 2,
      freeze: { for: 7200 },
      freeze_until: clock.seconds() + 7200,
    });
    clock.advance(7_200_000);
    const later = WalletPayment.parse((await call('GET', `/payment/${paymentId}`)).body);
    expect(later).toMatchObject({ status: 'done', cancelable: false });
    expect((await call('DELETE', `/payment/${paymentId}`)).status).toBe(409);
  });

  it('cancels a confirmed payment once: all money back to the payer, a second cancel is 409', async () => {
    const { key, paymentId } = await reserved(2500, 24);
    await confirm(key);
    const cancelled = await call('DELETE', `/payment/${paymentId}`);
    expect(WalletPayment.parse(cancelled.body)).toMatchObject({ status: 'canceled', cancelable: false });
    const again = await call('DELETE', `/payment/${paymentId}`);
    expect([again.status, obj(again)['error']]).toEqual([409, 'invalid_state']);
    expect(ledger(key)).toMatchObject({
      confirms: 1,
      captured: 2500,
      refunded: 2500,
      payments: { [paymentId]: { cancels: 1, finalizes: 0, refunded: 2500 } },
    });
    expect(Transaction.parse((await call('GET', `/transaction/${key}`)).body).status).toBe('confirmed');
  });

  it('finalizes a confirmed payment at a lower price, returning the difference, and refuses a higher one', async () => {
    const { key, paymentId } = await reserved(3000, 24);
    await confirm(key);
    const higher = await call('PUT', `/payment/${paymentId}/finalize`, {
      body: { price: 3001, currency: 'EUR' },
    });
    expect([higher.status, obj(higher)['error']]).toEqual([400, 'invalid_parameters']);
    const otherCurrency = await call('PUT', `/payment/${paymentId}/finalize`, {
      body: { price: 100, currency: 'USD' },
    });
    expect(otherCurrency.status).toBe(400);
    expect(WalletPayment.parse((await call('GET', `/payment/${paymentId}`)).body).status).toBe('confirmed');
    const lower = await call('PUT', `/payment/${paymentId}/finalize`, {
      body: { price: 1800, currency: 'EUR' },
    });
    expect(WalletPayment.parse(lower.body)).toMatchObject({
      status: 'done',
      price: 1800,
      price_decimal: '18.00',
    });
    expect((await call('PUT', `/payment/${paymentId}/finalize`)).status).toBe(409);
    expect(ledger(key)).toMatchObject({
      refunded: 1200,
      payments: { [paymentId]: { finalizes: 1, refunded: 1200 } },
    });
  });

  it('finalizes at the full price without a body, and at a price_decimal', async () => {
    const full = await reserved(900, 1);
    await confirm(full.key);
    const res = await call('PUT', `/payment/${full.paymentId}/finalize`);
    expect(WalletPayment.parse(res.body)).toMatchObject({ status: 'done', price: 900 });
    expect(ledger(full.key)).toMatchObject({ refunded: 0, payments: { [full.paymentId]: { finalizes: 1 } } });
    const decimal = await reserved(900, 1);
    await confirm(decimal.key);
    const byDecimal = await call('PUT', `/payment/${decimal.paymentId}/finalize`, {
      body: { price_decimal: '4.5', currency: 'EUR' },
    });
    expect(WalletPayment.parse(byDecimal.body).price).toBe(450);
  });

  it('confirms at a lower price: the unused reservation is released, only the lower price is captured', async () => {
    const { key, paymentId } = await reserved(1000);
    const payment = await confirm(key, { [paymentId]: { price: 700, currency: 'EUR' } });
    expect(payment).toMatchObject({ price: 700, status: 'done' });
    expect(ledger(key)).toMatchObject({ confirms: 1, captured: 700, released: 300 });
  });

  it("reads PHP's empty [] confirm body as no price change", async () => {
    const { key } = await reserved(1100);
    expect((await confirm(key, [])).price).toBe(1100);
  });

  it('revokes a reserved transaction, releasing the whole reservation, and counts the refused confirm', async () => {
    const { key } = await reserved(1500);
    const revoked = await call('DELETE', `/transaction/${key}`);
    expect(Transaction.parse(revoked.body)).toMatchObject({
      status: 'revoked',
      payments: [{ status: 'revoked' }],
    });
    expect((await call('PUT', `/transaction/${key}/confirm`)).status).toBe(409);
    expect((await call('DELETE', `/transaction/${key}`)).status).toBe(409);
    expect(ledger(key)).toMatchObject({
      confirms: 0,
      refusedConfirms: 1,
      revokes: 1,
      released: 1500,
      captured: 0,
    });
  });

  it('confirms with auto_confirm when the customer pays, freeze included', async () => {
    const { key } = await reserved(1200, 1, { auto_confirm: true });
    const tx = Transaction.parse((await call('GET', `/transaction/${key}`)).body);
    expect(tx).toMatchObject({ status: 'confirmed', payments: [{ status: 'confirmed', cancelable: true }] });
    expect(ledger(key)).toMatchObject({ confirms: 1, captured: 1200 });
  });

  it('answers 404 for an unknown payment, a malformed id and another client’s payment; 401 for a bad MAC', async () => {
    const { key, paymentId } = await reserved(800, 1);
    await confirm(key);
    for (const path of ['/payment/99999999', '/payment/abc'])
      expect((await call('DELETE', path)).status).toBe(404);
    s.store.put('wallet.clients', 'other-client', {
      macId: 'other-client',
      macKey: 'other-key-0123',
      projectId: 1221,
    });
    const url = `${s.urls.wallet}/payment/${paymentId}`;
    const other = signMac({
      credentials: { macId: 'other-client', macKey: 'other-key-0123' },
      method: 'DELETE',
      url,
      timestamp: clock.seconds(),
    });
    const res = await fetch(url, { method: 'DELETE', headers: { authorization: other.authorization } });
    expect(res.status).toBe(404);
    const bad = await call('DELETE', `/payment/${paymentId}`, { macKey: 'not-the-key' });
    expect([bad.status, obj(bad)['error']]).toEqual([401, 'unauthorized']);
    expect(ledger(key)?.payments[paymentId]).toBeUndefined();
  });

  it('injects faults on the new routes: an error runs nothing, a drop after commit cancels exactly once', async () => {
    const { key, paymentId } = await reserved(600, 1);
    await confirm(key);
    s.control.faults.add({ route: 'PUT /rest/v1/payment/*/finalize', kind: 'error', status: 503, times: 1 });
    expect((await call('PUT', `/payment/${paymentId}/finalize`)).status).toBe(503);
    expect(WalletPayment.parse((await call('GET', `/payment/${paymentId}`)).body).status).toBe('confirmed');
    s.control.faults.add({ route: 'DELETE /rest/v1/payment/*', kind: 'drop-after-commit', times: 1 });
    await expect(call('DELETE', `/payment/${paymentId}`)).rejects.toThrow();
    expect(WalletPayment.parse((await call('GET', `/payment/${paymentId}`)).body).status).toBe('canceled');
    expect(ledger(key)?.payments[paymentId]).toEqual({ cancels: 1, finalizes: 0, refunded: 600 });
  });

  it('reports the ledger totals over the control API', async () => {
    const totals = s.control.walletLedger.totals();
    const res = await control(s, 'GET', '/wallet/ledger');
    expect(res.body).toEqual(totals);
    expect(totals.paymentCancels).toBeGreaterThanOrEqual(2);
    expect(totals.amounts['EUR']?.refunded).toBeGreaterThanOrEqual(2500 + 1200 + 600);
    expect((await control(s, 'GET', '/wallet/ledger/nope')).status).toBe(404);
  });
});
