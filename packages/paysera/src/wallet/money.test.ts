import type { WalletPayment } from '@tillkit/models';
import { beforeAll, describe, expect, it } from 'vitest';
import { rejection, useSandbox } from '../testing/sandbox.ts';
import { createWalletClient, type WalletClient } from './client.ts';

// The Wallet client's money calls after a reservation, against the real sandbox: confirm with lower
// prices, cancel a confirmed payment (full refund), finalize it (optionally lower). What happened to the
// money is read from the sandbox's ledger; none of these calls is ever re-sent by the client.

const sandbox = useSandbox({ wallet: { spots: 12 } });
let wallet: WalletClient;

beforeAll(() => {
  const { macId, macKey, projectId } = sandbox().credentials.wallet;
  wallet = createWalletClient({
    credentials: { macId, macKey },
    baseUrl: sandbox().urls.wallet,
    projectId,
    retry: { baseDelayMs: 1 },
  });
});

let spotIndex = 0;
/** A transaction with one payment (frozen `freezeHours`), reserved by the customer at a fresh spot. */
async function reserved(price: number, freezeHours = 0) {
  const spot = sandbox().credentials.wallet.spots[spotIndex++];
  if (spot === undefined) throw new Error('out of seeded spots');
  sandbox().control.wallet.scan(spot.code);
  const tx = await wallet.createTransaction({
    payments: [{ description: 'Table', price, currency: 'EUR', freeze_for: freezeHours }],
  });
  await wallet.attachOrder(spot.id, tx.transaction_key);
  sandbox().control.wallet.accept(spot.id);
  return { key: tx.transaction_key, paymentId: (tx.payments[0] as WalletPayment).id };
}

/** Reserved and confirmed, still frozen (so cancel and finalize are possible). */
async function frozen(price: number) {
  const r = await reserved(price, 24);
  const tx = await wallet.confirmTransaction(r.key);
  expect(tx.payments[0]?.status).toBe('confirmed');
  return r;
}

const ledger = (key: string) => sandbox().control.walletLedger.transaction(key);
const count = (route: string) => sandbox().control.count(route);

describe('WalletClient money lifecycle against the sandbox', () => {
  it('confirms at lower prices keyed by payment id, capturing only those', async () => {
    const { key, paymentId } = await reserved(2000);
    const tx = await wallet.confirmTransaction(key, undefined, {
      [String(paymentId)]: { price: 1500, currency: 'EUR' },
    });
    expect(tx.payments[0]).toMatchObject({ price: 1500, status: 'done' });
    expect(ledger(key)).toMatchObject({ confirms: 1, captured: 1500, released: 500 });
  });

  it('maps a higher confirm price to VALIDATION_FAILED and a bad price to a field error before sending', async () => {
    const { key, paymentId } = await reserved(2000);
    const higher = await rejection(
      wallet.confirmTransaction(key, undefined, { [String(paymentId)]: { price: 2001, currency: 'EUR' } }),
    );
    expect(higher.code).toBe('VALIDATION_FAILED');
    const fractional = await rejection(
      wallet.confirmTransaction(key, undefined, { [String(paymentId)]: { price: 19.5, currency: 'EUR' } }),
    );
    expect(fractional.issues.map((i) => i.path)).toEqual([`${paymentId}.price`]);
    expect(count('PUT /rest/v1/transaction/*/confirm')).toBe(1);
    expect(ledger(key)).toMatchObject({ confirms: 0, refusedConfirms: 1 });
  });

  it('revokes a reserved transaction: the whole reservation is released and nothing captured', async () => {
    const { key } = await reserved(1300);
    expect(await wallet.revokeTransaction(key)).toMatchObject({ status: 'revoked' });
    expect((await rejection(wallet.confirmTransaction(key))).code).toBe('INVALID_STATE');
    expect(ledger(key)).toMatchObject({ revokes: 1, released: 1300, confirms: 0, captured: 0 });
  });

  it('cancels a confirmed payment once; a second cancel is INVALID_STATE', async () => {
    const { key, paymentId } = await frozen(2500);
    expect(await wallet.cancelPayment(paymentId)).toMatchObject({ id: paymentId, status: 'canceled' });
    expect((await rejection(wallet.cancelPayment(paymentId))).code).toBe('INVALID_STATE');
    expect(ledger(key)).toMatchObject({ refunded: 2500, payments: { [paymentId]: { cancels: 1 } } });
  });

  it('refuses to cancel a payment that is done (no freeze) with INVALID_STATE', async () => {
    const { key, paymentId } = await reserved(700);
    await wallet.confirmTransaction(key);
    expect((await rejection(wallet.cancelPayment(paymentId))).code).toBe('INVALID_STATE');
    expect((await rejection(wallet.finalizePayment(paymentId))).code).toBe('INVALID_STATE');
    expect(ledger(key)?.refunded).toBe(0);
  });

  it('finalizes lower with Money in minor units, refuses higher, and settles at full price without one', async () => {
    const lower = await frozen(3000);
    const higher = await rejection(
      wallet.finalizePayment(lower.paymentId, { amount: 3001, currency: 'EUR' }),
    );
    expect(higher.code).toBe('VALIDATION_FAILED');
    const done = await wallet.finalizePayment(lower.paymentId, { amount: 1999, currency: 'EUR' });
    expect(done).toMatchObject({ status: 'done', price: 1999, price_decimal: '19.99' });
    expect(ledger(lower.key)).toMatchObject({
      refunded: 1001,
      payments: { [lower.paymentId]: { finalizes: 1 } },
    });
    const full = await frozen(800);
    expect(await wallet.finalizePayment(full.paymentId)).toMatchObject({ status: 'done', price: 800 });
    expect(ledger(full.key)?.refunded).toBe(0);
  });

  it('never re-sends a cancel or finalize on 503: one request, the payment unchanged', async () => {
    const { paymentId } = await frozen(600);
    sandbox().control.faults.add({
      route: 'DELETE /rest/v1/payment/*',
      kind: 'error',
      status: 503,
      times: 1,
    });
    expect((await rejection(wallet.cancelPayment(paymentId))).code).toBe('UPSTREAM_UNAVAILABLE');
    sandbox().control.faults.add({ route: 'PUT /rest/v1/payment/*/finalize', kind: 'rate-limit', times: 1 });
    expect((await rejection(wallet.finalizePayment(paymentId))).code).toBe('RATE_LIMITED');
    expect(count('DELETE /rest/v1/payment/*')).toBe(1);
    expect(count('PUT /rest/v1/payment/*/finalize')).toBe(1);
    expect((await wallet.getPayment(paymentId)).status).toBe('confirmed');
  });

  it('after a finalize whose answer is lost, the payment read back shows it settled exactly once', async () => {
    const { key, paymentId } = await frozen(900);
    sandbox().control.faults.add({
      route: 'PUT /rest/v1/payment/*/finalize',
      kind: 'drop-after-commit',
      times: 1,
    });
    const lost = await rejection(wallet.finalizePayment(paymentId, { amount: 500, currency: 'EUR' }));
    expect(lost.code).toBe('NETWORK_ERROR');
    expect(count('PUT /rest/v1/payment/*/finalize')).toBe(1);
    expect(await wallet.getPayment(paymentId)).toMatchObject({ status: 'done', price: 500 });
    expect(ledger(key)?.payments[paymentId]).toEqual({ cancels: 0, finalizes: 1, refunded: 400 });
  });

  it('rejects a wrong MAC key with UNAUTHENTICATED, an unknown payment with NOT_FOUND, a bad id unsent', async () => {
    const { paymentId } = await frozen(400);
    const bad = createWalletClient({
      credentials: { macId: sandbox().credentials.wallet.macId, macKey: 'not-the-key-123' },
      baseUrl: sandbox().urls.wallet,
    });
    expect((await rejection(bad.cancelPayment(paymentId))).code).toBe('UNAUTHENTICATED');
    expect((await rejection(wallet.cancelPayment(987654321))).code).toBe('NOT_FOUND');
    const invalid = await rejection(wallet.finalizePayment(1.5));
    expect([invalid.code, invalid.issues[0]?.path]).toEqual(['VALIDATION_FAILED', 'paymentId']);
    expect(count('* /rest/v1/payment/**')).toBe(2);
    expect((await wallet.getPayment(paymentId)).status).toBe('confirmed');
  });
});
