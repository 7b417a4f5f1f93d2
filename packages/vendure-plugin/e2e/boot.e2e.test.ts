import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as q from './graphql.ts';
import { bootShop, type Shop } from './harness.ts';

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
});
