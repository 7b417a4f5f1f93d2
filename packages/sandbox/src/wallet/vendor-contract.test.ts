import { SpotList, SpotOrder, Transaction } from '@tillkit/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../sandbox.ts';
import { obj, wallet } from '../testing/helpers.ts';

// The Wallet emulator against Paysera's own clients: what PHP's Mapper::encodeTransaction /
// encodePayment send must be accepted, and what Mapper::decodeTransaction / decodePayment, Java and
// Swift read must be there.

let s: Sandbox;
beforeAll(async () => {
  s = await startSandbox({ seed: { wallet: { spots: 4 } } });
});
afterAll(() => s.close());

/** What PHP's encodeTransaction writes for a payment of 19.99 EUR frozen 48 h, reserved for 2 h. */
const phpBody = {
  payments: [
    {
      description: 'Payment for order #1234',
      price_decimal: '19.99',
      currency: 'EUR',
      freeze_for: 48,
      parameters: { orderid: 1234 },
    },
  ],
  reserve_for: 2,
  use_allowance: true,
  suggest_allowance: false,
  auto_confirm: false,
};

describe("Wallet emulator and Paysera's official clients", () => {
  it("accepts the PHP client's create body and answers what PHP's decoder reads", async () => {
    const res = await wallet(s, 'POST', '/transaction', { body: phpBody });
    expect(res.status).toBe(200);
    const tx = Transaction.parse(res.body);
    expect(tx).toMatchObject({ reserve: { for: 7200 }, use_allowance: true, suggest_allowance: false });
    // decodePayment reads these six unconditionally.
    expect(tx.payments[0]).toMatchObject({
      id: expect.any(Number),
      transaction_key: tx.transaction_key,
      created_at: expect.any(Number),
      status: 'new',
      price_decimal: '19.99',
      currency: 'EUR',
      price: 1999,
      freeze_for: 48,
      freeze: { for: 172_800 },
    });
  });

  it('echoes the 30-day reservation in seconds when reserve_for is not sent, and reserve_until as sent', async () => {
    const plain = { payments: [{ description: 'x', price: 100, currency: 'EUR' }] };
    expect(obj(await wallet(s, 'POST', '/transaction', { body: plain }))['reserve']).toEqual({
      for: 2_592_000,
    });
    const until = await wallet(s, 'POST', '/transaction', {
      body: { ...plain, reserve_until: 1_900_000_000 },
    });
    expect(obj(until)['reserve']).toEqual({ until: 1_900_000_000 });
  });

  it('refuses price together with price_decimal, reserve_for with reserve_until, and freeze in seconds', async () => {
    const both = { payments: [{ ...phpBody.payments[0], price: 1999 }] };
    const res = await wallet(s, 'POST', '/transaction', { body: both });
    expect([res.status, obj(res)['error_properties']]).toEqual([
      400,
      { 'payments.0.price': expect.any(Array) },
    ]);
    const reserve = await wallet(s, 'POST', '/transaction', {
      body: { ...phpBody, reserve_until: 1_900_000_000 },
    });
    expect(obj(reserve)['error_properties']).toEqual({ reserve_until: expect.any(Array) });
    const nested = { payments: [{ ...phpBody.payments[0], freeze: { for: 3600 } }] };
    expect((await wallet(s, 'POST', '/transaction', { body: nested })).status).toBe(400);
  });

  it('shows a spot with an order as active, in the vendor’s word, and filters by it', async () => {
    const spot = s.credentials.wallet.spots[0] as { id: number; code: string };
    s.control.wallet.scan(spot.code);
    const tx = Transaction.parse((await wallet(s, 'POST', '/transaction', { body: phpBody })).body);
    const order = await wallet(s, 'POST', `/spot/${spot.id}/order`, {
      body: { transaction_key: tx.transaction_key },
    });
    expect(SpotOrder.parse(order.body).status).toBe('pending');
    const active = SpotList.parse((await wallet(s, 'GET', '/spots?status=active')).body);
    expect(active.spots.map((x) => [x.id, x.status])).toEqual([[spot.id, 'active']]);
    await wallet(s, 'DELETE', `/spot/${spot.id}`);
    expect(obj(await wallet(s, 'GET', `/spot/${spot.id}`))['status']).toBe('free');
  });
});
