import { describe, expect, it } from 'vitest';
import { CHECKOUT, codes, harness, START, startOne } from './testing/harness.ts';

describe('products', () => {
  it('lists the catalogue with prices as integer minor units and a decimal for display', async () => {
    const h = harness();
    const r = await h.run('{ products { id name vatRate price { amount currency formatted } } }');
    expect(r.errors).toBeUndefined();
    expect(r.data?.['products']).toContainEqual({
      id: 'mug',
      name: 'Enamel mug',
      vatRate: 21,
      price: { amount: 950, currency: 'EUR', formatted: '9.50' },
    });
  });
});

describe('startCheckout', () => {
  it('prices the cart on the server and returns the QR payload, the checkout id and a token', async () => {
    const h = harness();
    const r = await h.run(START, {
      input: {
        lines: [
          { productId: 'coffee', quantity: 2 },
          { productId: 'book', quantity: 1 },
        ],
      },
    });
    expect(r.errors).toBeUndefined();
    const p = r.data?.['startCheckout'] as { token: string; checkout: Record<string, unknown> };
    expect(p.checkout).toMatchObject({
      status: 'AWAITING_SCAN',
      paid: false,
      terminal: false,
      pollAfterMs: 1000,
      amount: { amount: 2 * 1899 + 1500, currency: 'EUR', formatted: '52.98' },
    });
    expect(p.checkout['qrPayload']).toBe(
      h.services.checkouts.views.get(p.checkout['id'] as string)?.qrPayload,
    );
    expect(p.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('gives two checkouts different tokens', async () => {
    const h = harness();
    const a = await startOne(h);
    const b = await startOne(h);
    expect(a.token).not.toBe(b.token);
  });

  it('uses the shop description unless the shopper sends one', async () => {
    const h = harness();
    await h.run(START, { input: { lines: [{ productId: 'mug', quantity: 1 }], description: 'Mug for Ann' } });
    await h.run(START, { input: { lines: [{ productId: 'mug', quantity: 1 }] } });
    expect([...h.services.checkouts.views.values()].map((v) => v.description)).toEqual([
      'Mug for Ann',
      'TillKit order',
    ]);
  });
});

describe('checkout (polling contract)', () => {
  it('reports each engine status and asks to poll again until the checkout is terminal', async () => {
    const h = harness();
    const c = await startOne(h);
    for (const [status, expected] of [
      ['order_attached', { status: 'ORDER_ATTACHED', paid: false, terminal: false, pollAfterMs: 1000 }],
      ['reserved', { status: 'RESERVED', paid: false, terminal: false, pollAfterMs: 1000 }],
      ['rejected', { status: 'REJECTED', paid: false, terminal: true, pollAfterMs: 0 }],
    ] as const) {
      h.services.checkouts.set(c.id, status);
      const r = await h.run(CHECKOUT, c);
      expect(r.data?.['checkout']).toMatchObject(expected);
    }
  });

  it('keeps a paid checkout polling while the receipt is pending, then returns the signed receipt', async () => {
    const h = harness();
    const c = await startOne(h);
    h.services.checkouts.set(c.id, 'spot_closed');
    const pending = await h.run(CHECKOUT, c);
    expect(pending.data?.['checkout']).toMatchObject({
      paid: true,
      terminal: true,
      receiptPending: true,
      pollAfterMs: 1000,
      receipt: null,
    });

    h.services.receipts.sign(c.orderId, 'R-0001');
    const signed = await h.run(CHECKOUT, c);
    expect(signed.data?.['checkout']).toMatchObject({
      paid: true,
      receiptPending: false,
      pollAfterMs: 0,
      receipt: { receiptId: 'R-0001', orderId: c.orderId, total: { amount: 2849, currency: 'EUR' } },
    });
  });

  it('asks the receipt service once per checkout even when several fields need the receipt', async () => {
    const h = harness();
    const c = await startOne(h);
    h.services.checkouts.set(c.id, 'confirmed');
    await h.run(CHECKOUT, c);
    expect(h.services.receipts.calls).toBe(1);
  });

  it('does not ask for a receipt before the checkout is paid', async () => {
    const h = harness();
    const c = await startOne(h);
    await h.run(CHECKOUT, c);
    expect(h.services.receipts.calls).toBe(0);
  });
});

describe('receipt', () => {
  const RECEIPT =
    'query R($id: CheckoutId!, $token: CheckoutToken!) { receipt(checkoutId: $id, token: $token) { receiptId vat { rate net { amount } vat { amount } } lines { description quantity } } }';

  it('returns the signed receipt of a paid order', async () => {
    const h = harness();
    const c = await startOne(h);
    h.services.checkouts.set(c.id, 'confirmed');
    h.services.receipts.sign(c.orderId, 'R-0002');
    const r = await h.run(RECEIPT, c);
    expect(r.data?.['receipt']).toMatchObject({
      receiptId: 'R-0002',
      vat: [{ rate: 21, net: { amount: 2355 }, vat: { amount: 494 } }],
    });
  });

  it('is null while the fiscal service has not signed', async () => {
    const h = harness();
    const c = await startOne(h);
    h.services.checkouts.set(c.id, 'confirmed');
    const r = await h.run(RECEIPT, c);
    expect(r.errors).toBeUndefined();
    expect(r.data?.['receipt']).toBeNull();
  });

  it('is a CONFLICT for an order that is not paid', async () => {
    const h = harness();
    const c = await startOne(h);
    expect(codes(await h.run(RECEIPT, c))).toEqual(['CONFLICT']);
  });
});

describe('cancelCheckout', () => {
  const CANCEL =
    'mutation C($id: CheckoutId!, $token: CheckoutToken!) { cancelCheckout(id: $id, token: $token) { status terminal } }';

  it('cancels an unpaid checkout', async () => {
    const h = harness();
    const c = await startOne(h);
    const r = await h.run(CANCEL, c);
    expect(r.data?.['cancelCheckout']).toEqual({ status: 'CANCELLED', terminal: true });
  });

  it('is a CONFLICT once the checkout is paid', async () => {
    const h = harness();
    const c = await startOne(h);
    h.services.checkouts.set(c.id, 'confirmed');
    expect(codes(await h.run(CANCEL, c))).toEqual(['CONFLICT']);
    expect(h.services.checkouts.views.get(c.id)?.status).toBe('confirmed');
  });
});
