import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TillKitPlugin } from '../src/index.ts';
import * as q from './graphql.ts';
import { bootShop, type Shop } from './harness.ts';
import { checkoutOptions } from './harness-config.ts';

describe('TillKitPlugin on a real Vendure server', () => {
  let t: Shop;
  beforeAll(async () => {
    t = await bootShop(3101);
  });
  afterAll(() => t?.close());

  it('registers the paysera-scan-and-pay handler with its capture-mode argument', async () => {
    const created = await t.admin.query(q.CREATE_METHOD, { code: 'paysera', captureMode: 'automatic' });
    expect(created).toEqual({ createPaymentMethod: { id: expect.any(String), code: 'paysera' } });
  });

  it('refuses a payment the shop adds itself: only the plugin adds Paysera payments', async () => {
    await t.shop.asAnonymousUser();
    await t.shop.query(q.ADD_ITEM, { id: 'T_1', qty: 1 });
    await t.shop.query(q.SET_CUSTOMER, { email: 'refuse@example.com' });
    const { eligibleShippingMethods } = await t.shop.query(q.SHIPPING_METHODS);
    await t.shop.query(q.SET_SHIPPING, { id: [eligibleShippingMethods[0].id] });
    const result = await t.shop.query(q.ADD_PAYMENT, { method: 'paysera' });
    expect(result.addPaymentToOrder).toMatchObject({ errorCode: 'PAYMENT_FAILED_ERROR' });
  });

  it('checks the shop API options when init runs, naming the field', () => {
    const checkout = checkoutOptions(t.sandbox);
    const init = (shopApi: object) => () => TillKitPlugin.init({ checkout, shopApi });
    expect(init({ merchantApiKey: 'short' })).toThrow(/merchantApiKey: must be at least 16 characters/);
    expect(init({ pollIntervalMs: 5 })).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG' }));
    expect(init({ pollIntervalMs: 5 })).toThrow(/pollIntervalMs/);
  });

  it('keeps the merchant queries closed when no merchantApiKey is configured', async () => {
    const ask = async (headers: Record<string, string>) => {
      const body = JSON.stringify({ query: '{ tillkitDocuments { id } }' });
      // fetch sends Content-Type: application/json itself.
      const res = await t.shop.fetch('http://localhost:3101/shop-api', { method: 'POST', body, headers });
      return ((await res.json()) as { errors?: Array<{ extensions?: { code?: string } }> }).errors?.[0]
        ?.extensions;
    };
    expect(await ask({})).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await ask({ 'x-tillkit-merchant-key': 'any-key-a-caller-might-guess' })).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });
});
