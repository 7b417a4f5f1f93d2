import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSandbox } from './sandbox.ts';
import { obj, pos, wallet } from './testing/helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'tillkit-sandbox-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a sandbox restarted on the same db file', () => {
  it('keeps its credentials, POS orders, wallet transactions and spot states', async () => {
    const db = join(dir, 'sandbox.db');
    const first = await startSandbox({ db });
    const created = await pos(first, 'POST', '/orders', {
      body: {
        number: 'KEEP-1',
        currency: 'EUR',
        orderPositions: [{ title: 'Cake', quantity: 2, unitPrice: { regular: '4.50' } }],
      },
    });
    expect(created.status).toBe(201);
    const spot = first.credentials.wallet.spots[0];
    if (spot === undefined) throw new Error('seed has no spot');
    first.control.wallet.scan(spot.code);
    const tx = await wallet(first, 'POST', '/transaction', {
      body: { payments: [{ description: 'Cake', price: 900, currency: 'EUR' }] },
    });
    const key = String(obj(tx)['transaction_key']);
    expect(
      (await wallet(first, 'POST', `/spot/${spot.id}/order`, { body: { transaction_key: key } })).status,
    ).toBe(200);
    first.control.wallet.accept(spot.id);
    const credentials = first.credentials;
    await first.close();

    const second = await startSandbox({ db });
    try {
      expect(second.credentials).toEqual(credentials);
      const order = await pos(second, 'GET', `/orders/${String(obj(created)['id'])}`);
      expect(obj(order)).toMatchObject({ number: 'KEEP-1', totalAmount: '9.00', status: 'pending' });
      const reserved = await wallet(second, 'GET', '/transactions?status=reserved');
      expect(
        (obj(reserved)['transactions'] as Array<{ transaction_key: string }>).map((t) => t.transaction_key),
      ).toEqual([key]);
      const again = await wallet(second, 'GET', `/spot/${spot.id}`);
      expect(obj(again)).toMatchObject({
        status: 'active',
        orders: [{ transaction_key: key, status: 'reserved' }],
      });
      expect((await wallet(second, 'PUT', `/transaction/${key}/confirm`)).status).toBe(200);
    } finally {
      await second.close();
    }
  });
});
