import type { Order } from '@vendure/core';
import { describe, expect, it } from 'vitest';
import { amountDue, snapshotOf, toMoney, toVendure } from './order.ts';

// Only the fields the mapping reads, as Vendure's OrderService returns them (prices ×100, tax included).
const order = (currencyCode: string, payments: Array<{ state: string; amount: number }> = []) =>
  ({
    code: 'ORD-1',
    currencyCode,
    totalWithTax: 21_920,
    payments,
    lines: [
      {
        id: 1,
        quantity: 2,
        unitPriceWithTax: 4_560,
        proratedLinePriceWithTax: 8_120,
        taxRate: 20,
        productVariant: { name: 'Beans', sku: 'B-1' },
      },
      {
        id: 2,
        quantity: 1,
        unitPriceWithTax: 10_800,
        proratedLinePriceWithTax: 10_800,
        taxRate: 20,
        productVariant: { name: 'Kettle', sku: '' },
      },
    ],
    shippingLines: [{ discountedPriceWithTax: 3_000, taxRate: 20, shippingMethod: { name: 'Parcel' } }],
  }) as unknown as Order;

describe('Vendure amounts ↔ TillKit money', () => {
  it('keeps cents for EUR and divides by 100 for JPY (Vendure stores ×100 in every currency)', () => {
    expect(toMoney(2_490, 'EUR')).toEqual({ amount: 2_490, currency: 'EUR' });
    expect(toMoney(380_000, 'JPY')).toEqual({ amount: 3_800, currency: 'JPY' });
    expect(toMoney(12_340, 'KWD')).toEqual({ amount: 123_400, currency: 'KWD' });
    expect(toVendure({ amount: 3_800, currency: 'JPY' })).toBe(380_000);
    expect(toVendure({ amount: 2_490, currency: 'EUR' })).toBe(2_490);
  });

  it('refuses a fraction of a yen instead of rounding it away', () => {
    expect(() => toMoney(380_050, 'JPY')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});

describe('order snapshot', () => {
  it('maps lines with their discounts (gross × quantity − prorated) and shipping', () => {
    const snapshot = snapshotOf(order('EUR'), 21_920);
    expect(snapshot).toEqual({
      lines: [
        {
          description: 'Beans',
          quantity: 2,
          unitPrice: 4_560,
          vatRate: 20,
          discount: 1_000,
          productNumber: 'B-1',
        },
        { description: 'Kettle', quantity: 1, unitPrice: 10_800, vatRate: 20 },
      ],
      shipping: [{ description: 'Parcel', amount: 3_000, vatRate: 20 }],
    });
    const lines = snapshot.lines.reduce((s, l) => s + l.unitPrice * l.quantity - (l.discount ?? 0), 0);
    expect(lines + (snapshot.shipping?.[0]?.amount ?? 0)).toBe(21_920);
  });

  it('is one line for the difference when an order modification needs an additional payment', () => {
    const modified = order('EUR', [{ state: 'Settled', amount: 18_000 }]);
    expect(amountDue(modified)).toBe(3_920);
    expect(snapshotOf(modified, 3_920)).toEqual({
      lines: [{ description: 'Order ORD-1', quantity: 1, unitPrice: 3_920, vatRate: 20 }],
    });
  });

  it('does not count declined or cancelled payments as paid', () => {
    expect(amountDue(order('EUR', [{ state: 'Declined', amount: 21_920 }]))).toBe(21_920);
  });
});
