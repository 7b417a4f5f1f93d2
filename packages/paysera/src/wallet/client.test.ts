import { beforeAll, describe, expect, it } from 'vitest';
import { rejection, useSandbox } from '../testing/sandbox.ts';
import { createWalletClient, type WalletClient } from './client.ts';

const sandbox = useSandbox({ wallet: { spots: 4 } });
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

const spot = (i: number) => sandbox().credentials.wallet.spots[i] as { id: number; code: string };
const payment = (orderid: string) => ({
  payments: [{ description: 'Table', price: 2599, currency: 'EUR', parameters: { orderid } }],
});

describe('WalletClient against the sandbox', () => {
  it('runs the merchant side of scan-and-pay with MAC-signed requests', async () => {
    const { locationId } = sandbox().credentials.wallet;
    sandbox().control.wallet.scan(spot(0).code);
    const waiting = await wallet.listWaitingSpots([locationId]);
    expect(waiting.map((s) => s.id)).toContain(spot(0).id);
    const tx = await wallet.createTransaction(payment('W-1'), { locationId });
    expect(tx).toMatchObject({
      status: 'new',
      location_id: locationId,
      payments: [{ price: 2599, currency: 'EUR' }],
    });
    await wallet.attachOrder(spot(0).id, tx.transaction_key);
    sandbox().control.wallet.accept(spot(0).id);
    const reserved = await wallet.listTransactions({ status: 'reserved' });
    expect(reserved.transactions.map((t) => t.transaction_key)).toContain(tx.transaction_key);
    expect((await wallet.confirmTransaction(tx.transaction_key, { locationId })).status).toBe('confirmed');
    await wallet.closeSpot(spot(0).id);
    expect((await wallet.getSpot(spot(0).id)).status).toBe('free');
  });

  it("creates a transaction from the PHP client's body (price_decimal, allowance flags, hours) and reads cents", async () => {
    const tx = await wallet.createTransaction({
      payments: [{ description: 'Order', price_decimal: '19.99', currency: 'EUR', freeze_for: 24 }],
      reserve_for: 2,
      use_allowance: true,
      suggest_allowance: false,
    });
    expect(tx.payments[0]).toMatchObject({ price: 1999, price_decimal: '19.99', freeze_for: 24 });
    expect(tx.reserve).toEqual({ for: 7200 });
    const refused = await rejection(
      wallet.createTransaction({
        payments: [{ description: 'Order', price: 1999, price_decimal: '19.99', currency: 'EUR' }],
      }),
    );
    expect(refused.issues.map((i) => i.path)).toEqual(['payments.0.price']);
    expect(sandbox().control.count('POST /rest/v1/transaction')).toBe(1);
    await wallet.revokeTransaction(tx.transaction_key);
  });

  it('covers several locations in one spots request', async () => {
    const { locationId } = sandbox().credentials.wallet;
    sandbox().control.wallet.scan(spot(1).code);
    await wallet.listSpots({ status: ['waiting'], locationIds: [locationId, locationId + 100] });
    expect(sandbox().control.count('GET /rest/v1/spots')).toBe(1);
    await wallet.closeSpot(spot(1).id);
  });

  it('maps a confirm of an unreserved transaction to INVALID_STATE and an unknown key to NOT_FOUND', async () => {
    const tx = await wallet.createTransaction(payment('W-2'));
    expect((await rejection(wallet.confirmTransaction(tx.transaction_key))).code).toBe('INVALID_STATE');
    expect((await rejection(wallet.getTransaction('nope0000'))).code).toBe('NOT_FOUND');
    expect((await wallet.revokeTransaction(tx.transaction_key)).status).toBe('revoked');
  });

  it('lists several statuses in one request and leaves out transactions created before from', async () => {
    const revoked = await wallet.createTransaction(payment('W-3'));
    await wallet.revokeTransaction(revoked.transaction_key);
    const created = revoked.created_at;
    const both = await wallet.listTransactions({ status: 'reserved,revoked', limit: 200, from: created });
    expect(both.transactions.map((t) => t.transaction_key)).toContain(revoked.transaction_key);
    expect(both.transactions.every((t) => t.status === 'reserved' || t.status === 'revoked')).toBe(true);
    const later = await wallet.listTransactions({ status: 'reserved,revoked', from: created + 1 });
    expect(later.transactions.map((t) => t.transaction_key)).not.toContain(revoked.transaction_key);
    expect(sandbox().control.count('GET /rest/v1/transactions')).toBe(2);
  });

  it('rejects a wrong MAC key with UNAUTHENTICATED and never shows the key', async () => {
    const bad = createWalletClient({
      credentials: { macId: sandbox().credentials.wallet.macId, macKey: 'not-the-key-123' },
      baseUrl: sandbox().urls.wallet,
    });
    const error = await rejection(bad.listTransactions({ status: 'reserved' }));
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(JSON.stringify({ m: error.message, d: error.details })).not.toContain('not-the-key-123');
  });

  it('waits out a 429 with Retry-After and retries the same request freshly signed', async () => {
    sandbox().control.faults.add({
      route: 'GET /rest/v1/transactions',
      kind: 'rate-limit',
      retryAfterSeconds: 0,
      times: 1,
    });
    await wallet.listTransactions({ status: 'reserved' });
    expect(sandbox().control.count('GET /rest/v1/transactions')).toBe(2);
  });

  it('retries a GET on 503 but never re-sends a transaction create', async () => {
    sandbox().control.faults.add({
      route: 'GET /rest/v1/transactions',
      kind: 'error',
      status: 503,
      times: 1,
    });
    await wallet.listTransactions({ status: 'reserved' });
    expect(sandbox().control.count('GET /rest/v1/transactions')).toBe(2);
    sandbox().control.faults.add({
      route: 'POST /rest/v1/transaction',
      kind: 'error',
      status: 503,
      times: 1,
    });
    expect((await rejection(wallet.createTransaction(payment('W-3')))).code).toBe('UPSTREAM_UNAVAILABLE');
    expect(sandbox().control.count('POST /rest/v1/transaction')).toBe(1);
  });
});
