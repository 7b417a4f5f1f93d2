import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../sandbox.ts';
import { control, obj, wallet } from '../testing/helpers.ts';

let s: Sandbox;
beforeAll(async () => {
  s = await startSandbox();
});
afterAll(() => s.close());

describe('customer wallet simulator API', () => {
  it('scans a spot code, shows the attached order and reserves it on accept', async () => {
    const spot = s.credentials.wallet.spots[0];
    if (spot === undefined) throw new Error('no seeded spot');
    const scanned = await control(s, 'POST', '/wallet/scan', { code: spot.code });
    expect(scanned.status).toBe(200);
    expect(obj(scanned)).toMatchObject({ id: spot.id, status: 'waiting' });
    const tx = await wallet(s, 'POST', '/transaction', {
      body: { payments: [{ description: 'Lunch', price: 1250, currency: 'EUR' }] },
    });
    const key = String(obj(tx)['transaction_key']);
    await wallet(s, 'POST', `/spot/${spot.id}/order`, { body: { transaction_key: key } });
    const seen = await control(s, 'GET', `/wallet/spots/${spot.id}`);
    expect(obj(seen)).toMatchObject({
      orders: [{ transaction_key: key, status: 'pending', transaction: { payments: [{ price: 1250 }] } }],
    });
    const accepted = await control(s, 'POST', `/wallet/spots/${spot.id}/accept`);
    expect(obj(accepted)).toMatchObject({
      orders: [{ status: 'reserved', transaction: { status: 'reserved' } }],
    });
    expect((await control(s, 'POST', `/wallet/spots/${spot.id}/reject`)).status).toBe(409);
  });

  it('rejects an attached order on reject', async () => {
    const spot = s.credentials.wallet.spots[1];
    if (spot === undefined) throw new Error('no seeded spot');
    await control(s, 'POST', '/wallet/scan', { code: spot.code });
    expect((await control(s, 'POST', `/wallet/spots/${spot.id}/accept`)).status).toBe(409);
    const tx = await wallet(s, 'POST', '/transaction', {
      body: { payments: [{ description: 'Lunch', price: 990, currency: 'EUR' }] },
    });
    await wallet(s, 'POST', `/spot/${spot.id}/order`, {
      body: { transaction_key: String(obj(tx)['transaction_key']) },
    });
    const rejected = await control(s, 'POST', `/wallet/spots/${spot.id}/reject`);
    expect(obj(rejected)).toMatchObject({
      orders: [{ status: 'closed', transaction: { status: 'rejected' } }],
    });
  });

  it('answers 400 for a code that is not a spot code and 404 for an unknown spot', async () => {
    expect((await control(s, 'POST', '/wallet/scan', { code: 'EVP000000000001' })).status).toBe(400);
    expect((await control(s, 'POST', '/wallet/scan', { code: 'PAYSERA*9975:nowhere' })).status).toBe(404);
    expect((await control(s, 'POST', '/wallet/scan', {})).status).toBe(400);
    expect((await control(s, 'GET', '/wallet/spots/99999')).status).toBe(404);
    expect((await control(s, 'GET', '/nothing')).status).toBe(404);
  });

  it('lists every spot for the simulator page', async () => {
    const list = await control(s, 'GET', '/wallet/spots');
    expect((obj(list)['spots'] as unknown[]).length).toBe(s.credentials.wallet.spots.length + 1);
  });
});

describe('simulator page', () => {
  it('serves a plain HTML page that drives the control API', async () => {
    const res = await fetch(s.urls.simulator);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('_sandbox/wallet/');
    expect(html).not.toContain('innerHTML');
  });
});
