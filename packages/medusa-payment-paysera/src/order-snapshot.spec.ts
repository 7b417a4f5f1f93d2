import { describe, expect, it } from '@jest/globals';
import { type CartLike, snapshotOfCart } from './order-snapshot.ts';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const cart = (over: Partial<CartLike> = {}): CartLike => ({
  id: 'cart_1',
  currency_code: 'eur',
  email: 'ada@example.test',
  items: [
    {
      product_title: 'Melange',
      variant_title: 'Large',
      variant_sku: 'MEL-L',
      unit_price: 10,
      quantity: 2,
      tax_lines: [{ rate: 20 }],
    },
  ],
  shipping_methods: [{ name: 'Standard', amount: 5, tax_lines: [{ rate: 20 }] }],
  ...over,
});

describe('a Medusa cart as the order snapshot the receipt is signed from', () => {
  it('takes gross lines, VAT rates and shipping from Medusa’s own totals', () => {
    expect(snapshotOfCart(cart(), eur(3000))).toEqual({
      lines: [
        {
          description: 'Melange (Large)',
          quantity: 2,
          unitPrice: 1200,
          vatRate: 20,
          productNumber: 'MEL-L',
        },
      ],
      shipping: [{ description: 'Standard', amount: 600, vatRate: 20 }],
      buyer: { email: 'ada@example.test' },
    });
  });

  it('shows a promotion adjustment as the line’s gross discount', () => {
    const discounted = cart({
      items: [
        {
          title: 'Tea',
          unit_price: 10,
          quantity: 1,
          tax_lines: [{ rate: 20 }],
          adjustments: [{ amount: 2 }],
        },
      ],
      shipping_methods: [],
    });
    const snapshot = snapshotOfCart(discounted, eur(960));
    expect(snapshot.lines[0]).toMatchObject({ unitPrice: 1200, discount: 240 });
  });

  it('keeps tax-inclusive prices as they are', () => {
    const inclusive = cart({
      items: [
        { title: 'Tea', unit_price: 12, quantity: 3, is_tax_inclusive: true, tax_lines: [{ rate: 20 }] },
      ],
      shipping_methods: [],
    });
    expect(snapshotOfCart(inclusive, eur(3600)).lines[0]).toMatchObject({
      unitPrice: 1200,
      quantity: 3,
    });
  });

  it('puts a unit price that is not a whole cent up, the rest into the discount, so lines add up exactly', () => {
    const odd = cart({
      items: [{ title: 'Odd', unit_price: 3.33, quantity: 3, tax_lines: [{ rate: 10 }] }],
      shipping_methods: [],
    });
    const snapshot = snapshotOfCart(odd, eur(1099));
    const line = snapshot.lines[0]!;
    expect(line.unitPrice * line.quantity - (line.discount ?? 0)).toBe(1099);
    expect(line.discount).toBeGreaterThan(0);
  });

  it('refuses a payment that does not match the cart', () => {
    expect(() => snapshotOfCart(cart(), eur(2000))).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });

  it('handles a 0-decimal currency', () => {
    const jpy = cart({
      currency_code: 'jpy',
      items: [{ title: 'Sencha', unit_price: 1000, quantity: 1, tax_lines: [{ rate: 10 }] }],
      shipping_methods: [{ name: 'Post', amount: 500, tax_lines: [{ rate: 10 }] }],
    });
    const snapshot = snapshotOfCart(jpy, { amount: 1650, currency: 'JPY' });
    expect(snapshot.lines[0]).toMatchObject({ unitPrice: 1100 });
    expect(snapshot.shipping).toEqual([{ description: 'Post', amount: 550, vatRate: 10 }]);
  });
});
