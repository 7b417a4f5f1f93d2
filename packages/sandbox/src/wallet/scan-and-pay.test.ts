import { SpotList, SpotOrder, Transaction, TransactionList } from '@tillkit/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../sandbox.ts';
import { manualClock, obj, wallet } from '../testing/helpers.ts';

let s: Sandbox;
const clock = manualClock();
beforeAll(async () => {
  s = await startSandbox({ now: clock.now, wallet: { transactionTtlSeconds: 600 } });
});
afterAll(() => s.close());

let spotIndex = 0;
function nextSpot() {
  const spot = s.credentials.wallet.spots[spotIndex++];
  if (spot === undefined) throw new Error('out of seeded spots');
  return spot;
}

async function newTransaction(price = 2599) {
  const { projectId, locationId } = s.credentials.wallet;
  const res = await wallet(s, 'POST', '/transaction', {
    body: { payments: [{ description: 'Table 1', price, currency: 'EUR' }] },
    ext: { project_id: String(projectId), location_id: String(locationId) },
    timestamp: clock.seconds(),
  });
  expect(res.status).toBe(200);
  return Transaction.parse(res.body);
}

describe('Wallet scan-and-pay', () => {
  it('runs scan → poll → transaction → order → reserve → confirm exactly once → close', async () => {
    const spot = nextSpot();
    expect(s.control.wallet.scan(spot.code).ok).toBe(true);
    const waiting = SpotList.parse(
      (await wallet(s, 'GET', `/spots?status=waiting&location_id=${s.credentials.wallet.locationId}`)).body,
    );
    expect(waiting.spots.map((x) => x.id)).toEqual([spot.id]);

    const tx = await newTransaction();
    expect(tx).toMatchObject({
      status: 'new',
      project_id: s.credentials.wallet.projectId,
      location_id: s.credentials.wallet.locationId,
    });
    expect(tx.payments[0]).toMatchObject({ price: 2599, price_decimal: '25.99', currency: 'EUR' });

    const order = await wallet(s, 'POST', `/spot/${spot.id}/order`, {
      body: { transaction_key: tx.transaction_key },
    });
    expect(SpotOrder.parse(order.body)).toMatchObject({
      transaction_key: tx.transaction_key,
      status: 'pending',
    });
    expect(SpotList.parse((await wallet(s, 'GET', '/spots?status=waiting')).body).spots).toEqual([]);

    expect(s.control.wallet.accept(spot.id).ok).toBe(true);
    const reserved = TransactionList.parse((await wallet(s, 'GET', '/transactions?status=reserved')).body);
    expect(reserved.transactions.map((t) => t.transaction_key)).toEqual([tx.transaction_key]);
    expect(reserved._metadata).toEqual({ total: 1, offset: 0, limit: 50 });

    const confirmed = await wallet(s, 'PUT', `/transaction/${tx.transaction_key}/confirm`);
    expect(confirmed.status).toBe(200);
    expect(Transaction.parse(confirmed.body)).toMatchObject({
      status: 'confirmed',
      confirmed_at: clock.seconds(),
    });
    const again = await wallet(s, 'PUT', `/transaction/${tx.transaction_key}/confirm`);
    expect(again.status).toBe(409);
    expect(obj(again)['error']).toBe('invalid_state');

    const closed = await wallet(s, 'DELETE', `/spot/${spot.id}`);
    expect(obj(closed)).toMatchObject({ id: spot.id, status: 'free' });
    expect(obj(await wallet(s, 'GET', `/transaction/${tx.transaction_key}`))['status']).toBe('confirmed');
  });

  it('confirms a lower price per payment but never a higher one', async () => {
    const spot = nextSpot();
    s.control.wallet.scan(spot.code);
    const tx = await newTransaction(1000);
    const paymentId = String(tx.payments[0]?.id);
    await wallet(s, 'POST', `/spot/${spot.id}/order`, { body: { transaction_key: tx.transaction_key } });
    s.control.wallet.accept(spot.id);
    const higher = await wallet(s, 'PUT', `/transaction/${tx.transaction_key}/confirm`, {
      body: { [paymentId]: { price: 1001, currency: 'EUR' } },
    });
    expect(higher.status).toBe(400);
    expect(obj(await wallet(s, 'GET', `/transaction/${tx.transaction_key}`))['status']).toBe('reserved');
    const lower = await wallet(s, 'PUT', `/transaction/${tx.transaction_key}/confirm`, {
      body: { [paymentId]: { price: 800, currency: 'EUR' } },
    });
    expect(Transaction.parse(lower.body)).toMatchObject({
      status: 'confirmed',
      payments: [{ price: 800, price_decimal: '8.00' }],
    });
    await wallet(s, 'DELETE', `/spot/${spot.id}`);
  });

  it('refuses to confirm a transaction the customer has not reserved', async () => {
    const tx = await newTransaction();
    const res = await wallet(s, 'PUT', `/transaction/${tx.transaction_key}/confirm`);
    expect(res.status).toBe(409);
    expect(obj(res)['error']).toBe('invalid_state');
  });

  it('lets the customer reject, and the transaction is then neither payable nor confirmable', async () => {
    const spot = nextSpot();
    s.control.wallet.scan(spot.code);
    const tx = await newTransaction();
    await wallet(s, 'POST', `/spot/${spot.id}/order`, { body: { transaction_key: tx.transaction_key } });
    expect(s.control.wallet.reject(spot.id).ok).toBe(true);
    expect(obj(await wallet(s, 'GET', `/transaction/${tx.transaction_key}`))['status']).toBe('rejected');
    expect(s.control.wallet.accept(spot.id)).toMatchObject({ ok: false, status: 409 });
    expect((await wallet(s, 'PUT', `/transaction/${tx.transaction_key}/confirm`)).status).toBe(409);
    await wallet(s, 'DELETE', `/spot/${spot.id}`);
  });

  it('revokes a transaction with DELETE and refuses to revoke it twice', async () => {
    const tx = await newTransaction();
    const revoked = await wallet(s, 'DELETE', `/transaction/${tx.transaction_key}`);
    expect(obj(revoked)['status']).toBe('revoked');
    expect((await wallet(s, 'DELETE', `/transaction/${tx.transaction_key}`)).status).toBe(409);
  });

  it('expires a transaction that is not reserved within the configured time as deleted', async () => {
    const tx = await newTransaction();
    clock.advance(601_000);
    const res = await wallet(s, 'GET', `/transaction/${tx.transaction_key}`, { timestamp: clock.seconds() });
    expect(obj(res)['status']).toBe('deleted');
  });

  it('attaches orders only to a waiting spot, one open order at a time', async () => {
    const spot = nextSpot();
    const tx = await newTransaction();
    const free = await wallet(s, 'POST', `/spot/${spot.id}/order`, {
      body: { transaction_key: tx.transaction_key },
      timestamp: clock.seconds(),
    });
    expect(free.status).toBe(409);
    s.control.wallet.scan(spot.code);
    const ok = await wallet(s, 'POST', `/spot/${spot.id}/order`, {
      body: { transaction_key: tx.transaction_key },
      timestamp: clock.seconds(),
    });
    expect(ok.status).toBe(200);
    const second = await newTransaction();
    const busy = await wallet(s, 'POST', `/spot/${spot.id}/order`, {
      body: { transaction_key: second.transaction_key },
      timestamp: clock.seconds(),
    });
    expect(busy.status).toBe(409);
    await wallet(s, 'DELETE', `/spot/${spot.id}`, { timestamp: clock.seconds() });
  });

  it('answers 404 not_found for unknown transactions, spots and locations', async () => {
    for (const path of ['/transaction/nope', '/spot/999999', '/location/424242']) {
      const res = await wallet(s, 'GET', path, { timestamp: clock.seconds() });
      expect(res.status).toBe(404);
      expect(obj(res)['error']).toBe('not_found');
    }
  });

  it("answers 403 forbidden for another project's spot and project", async () => {
    const spot = await wallet(s, 'GET', `/spot/${s.credentials.wallet.otherProjectSpotId}`, {
      timestamp: clock.seconds(),
    });
    expect(spot.status).toBe(403);
    const tx = await wallet(s, 'POST', '/transaction', {
      body: { payments: [{ description: 'x', price: 100, currency: 'EUR' }] },
      ext: { project_id: '1' },
      timestamp: clock.seconds(),
    });
    expect(tx.status).toBe(403);
    expect(obj(tx)['error']).toBe('forbidden');
  });

  it('rejects invalid transactions with invalid_parameters and malformed JSON with invalid_request', async () => {
    const bad = await wallet(s, 'POST', '/transaction', {
      body: { payments: [{ description: 'x', price: 12.5, currency: 'EUR' }] },
      timestamp: clock.seconds(),
    });
    expect(bad.status).toBe(400);
    expect(obj(bad)).toMatchObject({
      error: 'invalid_parameters',
      error_properties: { 'payments.0.price': expect.any(Array) },
    });
    const empty = await wallet(s, 'POST', '/transaction', {
      body: { payments: [] },
      timestamp: clock.seconds(),
    });
    expect(empty.status).toBe(400);
    const malformed = await wallet(s, 'POST', '/transaction', { raw: '{nope', timestamp: clock.seconds() });
    expect(malformed.status).toBe(400);
    expect(obj(malformed)['error']).toBe('invalid_request');
  });

  it('filters spots by a comma list of locations and validates list parameters', async () => {
    const { locationId } = s.credentials.wallet;
    const both = SpotList.parse(
      (
        await wallet(s, 'GET', `/spots?location_id=${locationId},${locationId + 1}`, {
          timestamp: clock.seconds(),
        })
      ).body,
    );
    expect(both.spots.length).toBe(s.credentials.wallet.spots.length);
    expect((await wallet(s, 'GET', '/spots?status=asleep', { timestamp: clock.seconds() })).status).toBe(400);
    expect((await wallet(s, 'GET', '/transactions?limit=500', { timestamp: clock.seconds() })).status).toBe(
      400,
    );
    expect((await wallet(s, 'GET', '/spots?location_id=abc', { timestamp: clock.seconds() })).status).toBe(
      400,
    );
  });

  it('pages transactions with limit and offset', async () => {
    const all = TransactionList.parse(
      (await wallet(s, 'GET', '/transactions', { timestamp: clock.seconds() })).body,
    );
    const page = TransactionList.parse(
      (await wallet(s, 'GET', '/transactions?limit=2&offset=1', { timestamp: clock.seconds() })).body,
    );
    expect(page._metadata).toEqual({ total: all._metadata.total, offset: 1, limit: 2 });
    expect(page.transactions).toEqual(all.transactions.slice(1, 3));
  });

  it('lists and reads locations with their spots', async () => {
    const list = await wallet(s, 'GET', '/locations', { timestamp: clock.seconds() });
    expect(obj(list)['locations']).toHaveLength(1);
    const one = await wallet(s, 'GET', `/location/${s.credentials.wallet.locationId}`, {
      timestamp: clock.seconds(),
    });
    expect(obj(one)).toMatchObject({ id: s.credentials.wallet.locationId, spots: expect.any(Array) });
  });
});
