import { describe, expect, it } from 'vitest';
import { CHECKOUT, codes, harness, START, startOne } from './testing/harness.ts';

describe('tillkitStartCheckout', () => {
  it('prices the cart through the order source, starts an attempt, and returns its QR payload and a token', async () => {
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
    const p = r.data?.['tillkitStartCheckout'] as { token: string; checkout: Record<string, unknown> };
    expect(p.checkout).toMatchObject({
      status: 'AWAITING_SCAN',
      paid: false,
      terminal: false,
      pollAfterMs: 1000,
      receiptStatus: 'NONE',
      amount: { amount: 2 * 1899 + 1500, currency: 'EUR', formatted: '52.98' },
    });
    const started = h.services.checkout.started[0];
    expect(started).toMatchObject({
      orderRef: p.checkout['orderRef'],
      amount: { amount: 5298, currency: 'EUR' },
      order: { lines: [{ description: 'Coffee beans 1 kg', quantity: 2, unitPrice: 1899, vatRate: 20 }, {}] },
    });
    expect(p.checkout['qrPayload']).toBe(
      h.services.checkout.attempts.get(p.checkout['id'] as string)?.qrPayload,
    );
    expect(p.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("passes the host's start options on (metadata, capture mode, idempotency key, replaceLive)", async () => {
    const h = harness();
    const orders = h.services.orders;
    const price = orders.priceOrder.bind(orders);
    const host = { metadata: { channelToken: 'ch' }, captureMode: 'manual' as const };
    orders.priceOrder = async (input) => ({
      ...(await price(input)),
      ...host,
      idempotencyKey: 'ses_1',
      replaceLive: true,
    });
    await startOne(h);
    expect(h.services.checkout.started[0]).toMatchObject({
      ...host,
      idempotencyKey: 'ses_1',
      replaceLive: true,
    });
  });

  it('hands out an attempt the host started itself, with a token for it, instead of starting one', async () => {
    const h = harness();
    const checkout = h.services.checkout;
    const own = await checkout.start({
      orderRef: 'cart_1',
      amount: { amount: 950, currency: 'EUR' },
      order: { lines: [] },
      description: 'Cart 1',
    });
    h.services.orders.handOver = own.id;
    const r = await h.run(START, { input: {} });
    expect(r.errors).toBeUndefined();
    const p = r.data?.['tillkitStartCheckout'] as { token: string; checkout: { id: string } };
    expect(p.checkout).toMatchObject({ id: own.id, orderRef: 'cart_1', amount: { amount: 950 } });
    expect(checkout.started).toHaveLength(1);
    const polled = await h.run(CHECKOUT, { id: own.id, token: p.token });
    expect(polled.data?.['tillkitCheckout']).toMatchObject({ id: own.id, status: 'AWAITING_SCAN' });
  });

  it('is NOT_FOUND when the attempt the host hands over does not exist', async () => {
    const h = harness();
    h.services.orders.handOver = 'att_gone';
    const r = await h.run(START, { input: {} });
    expect(codes(r)).toEqual(['NOT_FOUND']);
    expect(r.data).toBeNull();
  });

  it('gives two checkouts different tokens', async () => {
    const h = harness();
    const a = await startOne(h);
    const b = await startOne(h);
    expect(a.token).not.toBe(b.token);
  });

  it('uses the shop description unless the shopper sends one', async () => {
    const h = harness();
    const line = [{ productId: 'mug', quantity: 1 }];
    await h.run(START, { input: { lines: line, description: 'Mug for Ann' } });
    await h.run(START, { input: { lines: line } });
    expect(h.services.checkout.started.map((s) => s.description)).toEqual(['Mug for Ann', 'TillKit order']);
  });
});

describe('tillkitCheckout (polling contract)', () => {
  it('reports each status and asks to poll again until the checkout is terminal', async () => {
    const h = harness();
    const c = await startOne(h);
    for (const [status, expected] of [
      ['order_attached', { status: 'ORDER_ATTACHED', paid: false, terminal: false, pollAfterMs: 1000 }],
      ['reserved', { status: 'RESERVED', paid: false, terminal: false, pollAfterMs: 1000 }],
      ['rejected', { status: 'REJECTED', paid: false, terminal: true, pollAfterMs: 0 }],
    ] as const) {
      h.services.checkout.set(c.id, status);
      const r = await h.run(CHECKOUT, c);
      expect(r.data?.['tillkitCheckout']).toMatchObject(expected);
    }
  });

  it('keeps a paid checkout polling while the receipt is pending, then returns the signed receipt', async () => {
    const h = harness();
    const c = await startOne(h);
    h.services.checkout.set(c.id, 'confirmed');
    const pending = await h.run(CHECKOUT, c);
    expect(pending.data?.['tillkitCheckout']).toMatchObject({
      paid: true,
      terminal: true,
      receiptPending: true,
      receiptStatus: 'PENDING',
      pollAfterMs: 1000,
      receipt: null,
    });

    h.services.checkout.sign(c.id, 'R-0001');
    const signed = await h.run(CHECKOUT, c);
    expect(signed.data?.['tillkitCheckout']).toMatchObject({
      paid: true,
      receiptPending: false,
      receiptStatus: 'SIGNED',
      pollAfterMs: 0,
      receipt: { kind: 'SALE', receiptId: 'R-0001', total: { amount: 2849, currency: 'EUR' } },
    });
  });

  it('stops polling and shows the reason when the receipt failed for good', async () => {
    const h = harness();
    const c = await startOne(h);
    h.services.checkout.set(c.id, 'confirmed', 'failed');
    h.services.checkout.receipts.set(c.id, {
      state: 'failed',
      failure: { code: 'FISCAL_ERROR', message: 'The fiscal service refused the receipt.' },
    });
    const r = await h.run(CHECKOUT, c);
    expect(r.data?.['tillkitCheckout']).toMatchObject({
      receiptStatus: 'FAILED',
      receiptPending: false,
      pollAfterMs: 0,
      receiptFailure: { code: 'FISCAL_ERROR' },
    });
  });

  it('asks for the receipt once per checkout even when several fields need it', async () => {
    const h = harness();
    const c = await startOne(h);
    h.services.checkout.sign(c.id, 'R-1');
    h.services.checkout.set(c.id, 'confirmed', 'signed');
    await h.run(CHECKOUT, c);
    expect(h.services.checkout.receiptCalls).toBe(1);
  });

  it('does not ask for a receipt before the checkout is paid', async () => {
    const h = harness();
    const c = await startOne(h);
    await h.run(CHECKOUT, c);
    expect(h.services.checkout.receiptCalls).toBe(0);
  });
});

describe('tillkitReceipt', () => {
  const RECEIPT =
    'query R($id: TillKitCheckoutId!, $token: TillKitCheckoutToken!) { tillkitReceipt(checkoutId: $id, token: $token) { receiptId vat { rate net { amount } vat { amount } } lines { description quantity } } }';

  it('returns the signed receipt of a paid checkout', async () => {
    const h = harness();
    const c = await startOne(h);
    h.services.checkout.set(c.id, 'confirmed');
    h.services.checkout.sign(c.id, 'R-0002');
    const r = await h.run(RECEIPT, c);
    expect(r.data?.['tillkitReceipt']).toMatchObject({
      receiptId: 'R-0002',
      vat: [{ rate: 20, net: { amount: 2374 }, vat: { amount: 475 } }],
    });
  });

  it('is null while the fiscal service has not signed', async () => {
    const h = harness();
    const c = await startOne(h);
    h.services.checkout.set(c.id, 'confirmed');
    const r = await h.run(RECEIPT, c);
    expect(r.errors).toBeUndefined();
    expect(r.data?.['tillkitReceipt']).toBeNull();
  });

  it('is a CONFLICT for a checkout that is not paid', async () => {
    const h = harness();
    const c = await startOne(h);
    expect(codes(await h.run(RECEIPT, c))).toEqual(['CONFLICT']);
  });
});

describe('tillkitCancelCheckout', () => {
  const CANCEL =
    'mutation C($id: TillKitCheckoutId!, $token: TillKitCheckoutToken!) { tillkitCancelCheckout(id: $id, token: $token) { status terminal } }';

  it('cancels an unpaid checkout through the service', async () => {
    const h = harness();
    const c = await startOne(h);
    const r = await h.run(CANCEL, c);
    expect(r.data?.['tillkitCancelCheckout']).toEqual({ status: 'CANCELLED', terminal: true });
    expect(h.services.checkout.attempts.get(c.id)?.status).toBe('cancelled');
  });

  it('is a CONFLICT once the checkout is paid', async () => {
    const h = harness();
    const c = await startOne(h);
    h.services.checkout.set(c.id, 'confirmed');
    expect(codes(await h.run(CANCEL, c))).toEqual(['CONFLICT']);
    expect(h.services.checkout.attempts.get(c.id)?.status).toBe('confirmed');
  });
});
