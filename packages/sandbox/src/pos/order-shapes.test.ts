import { PosOrder } from '@tillkit/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../sandbox.ts';
import { obj, pos } from '../testing/helpers.ts';

// `POST /orders` in the shapes Paysera's material documents: the API reference (`/api/pos/create-order`:
// orderPositions[{productId, quantity, price, name, vatRate}], discountPrice), the guides' example
// (`/guides/pos/examples`: items[{name, quantity, price, tax_rate}], notes) and a production plugin's
// (orderPositions[{title, unitPrice: {regular}, tax: {taxRate}}]). All answer in the reference shape.

let s: Sandbox;
beforeAll(async () => {
  s = await startSandbox({ rateLimits: { standardPerMinute: 10_000 } });
});
afterAll(() => s.close());

const created = async (body: unknown) => {
  const res = await pos(s, 'POST', '/orders', { body });
  expect(res.status).toBe(201);
  return PosOrder.parse(res.body);
};

describe('POS order shapes', () => {
  it("takes the API reference's body and answers its lines with totals, less the order discount", async () => {
    const order = await created({
      number: 'REF-1',
      currency: 'EUR',
      languageCode: 'en',
      discountPrice: 5,
      orderPositions: [
        { productId: 'PROD001', quantity: 2, price: 19.99, name: 'Coffee Beans 1kg', vatRate: 21 },
      ],
    });
    expect(order).toMatchObject({ totalAmount: '34.98', discountPrice: '5.00' });
    expect(order.orderPositions[0]).toEqual({
      productId: 'PROD001',
      name: 'Coffee Beans 1kg',
      quantity: 2,
      price: '19.99',
      totalPrice: '39.98',
      vatRate: 21,
    });
  });

  it("takes the guides' items body (no currency: the merchant's EUR) and keeps its notes", async () => {
    const order = await created({
      customer: { name: 'Jane Smith', email: 'jane@example.com', phone: '+37060012345' },
      items: [
        { name: 'Coffee', quantity: 2, price: 2.5, tax_rate: 21 },
        { name: 'Croissant', quantity: 1, price: 3.0, tax_rate: 9 },
      ],
      notes: 'To go',
    });
    expect(order).toMatchObject({ currency: 'EUR', totalAmount: '8.00', notes: 'To go' });
    expect(order.orderPositions.map((p) => [p.name, p.vatRate])).toEqual([
      ['Coffee', 21],
      ['Croissant', 9],
    ]);
  });

  it("takes the plugin's title/unitPrice/tax body and answers it in the reference shape", async () => {
    const order = await created({
      currency: 'EUR',
      orderPositions: [
        {
          title: 'Product',
          productSKU: 'SKU1',
          quantity: 2,
          unitPrice: { regular: 12.5 },
          tax: { taxRate: 21 },
        },
      ],
    });
    expect(order.orderPositions[0]).toMatchObject({
      productId: 'SKU1',
      name: 'Product',
      price: '12.50',
      vatRate: 21,
    });
  });

  it('names the field of the shape that was meant, and refuses a mix of shapes', async () => {
    const guide = await pos(s, 'POST', '/orders', {
      body: { items: [{ name: 'Tea', quantity: 1, price: 2, tax_rate: 120 }] },
    });
    expect([guide.status, Object.keys(obj(guide)['errors'] as object)]).toEqual([422, ['items.0.tax_rate']]);
    const reference = await pos(s, 'POST', '/orders', {
      body: { currency: 'EUR', orderPositions: [{ name: 'Tea', quantity: 1, price: 2.001, vatRate: 21 }] },
    });
    expect(Object.keys(obj(reference)['errors'] as object)).toEqual(['orderPositions.0.price']);
    const mixed = await pos(s, 'POST', '/orders', {
      body: {
        currency: 'EUR',
        orderPositions: [{ name: 'Tea', quantity: 1, price: 2, vatRate: 21, unitPrice: { regular: 2 } }],
      },
    });
    expect(mixed.status).toBe(422);
  });
});
