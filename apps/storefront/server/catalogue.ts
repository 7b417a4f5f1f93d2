import { randomUUID } from 'node:crypto';
import type { OrderSource, PricedOrder } from '@tillkit/checkout';
import { type Money, money, TillKitError, toDecimalString } from '@tillkit/models';

/** One product the demo shop sells: a gross price (VAT included) in minor units. */
export interface Product {
  id: string;
  name: string;
  description: string;
  price: Money;
  /** VAT rate in percent; Austria's, since the sandbox's fiskaltrust CashBox is AT. */
  vatRate: number;
}

/** The demo shop's products. */
export const catalogue: readonly Product[] = [
  {
    id: 'espresso-beans',
    name: 'Espresso beans 1 kg',
    description: 'Dark roast, Arabica and Robusta',
    price: money(2490, 'EUR'),
    vatRate: 10,
  },
  {
    id: 'filter-beans',
    name: 'Filter beans 500 g',
    description: 'Light roast, Ethiopia Yirgacheffe',
    price: money(1450, 'EUR'),
    vatRate: 10,
  },
  {
    id: 'enamel-mug',
    name: 'Enamel mug',
    description: 'Blue, 350 ml',
    price: money(1200, 'EUR'),
    vatRate: 20,
  },
  {
    id: 'hand-grinder',
    name: 'Hand grinder',
    description: 'Ceramic burrs',
    price: money(3990, 'EUR'),
    vatRate: 20,
  },
];

/** The catalogue as the page reads it (`GET /api/products`), with a decimal price for display. */
export function productsJson(): string {
  return JSON.stringify(
    catalogue.map((p) => ({
      ...p,
      price: { ...p.price, formatted: toDecimalString(p.price.amount, p.price.currency) },
    })),
  );
}

const invalid = (path: string, message: string) =>
  new TillKitError('VALIDATION_FAILED', `${path}: ${message}`, { issues: [{ path, message }] });

/**
 * The demo's OrderSource: prices a cart from the catalogue on the server (a client's prices are never
 * used) into a new order reference per checkout.
 */
export function createCatalogueOrders(shopName: string): OrderSource {
  const byId = new Map(catalogue.map((p) => [p.id, p]));
  return {
    async priceOrder(input): Promise<PricedOrder> {
      const lines = input.lines ?? [];
      // The demo keeps no cart of its own, so a checkout without lines has nothing to pay.
      if (lines.length === 0) throw invalid('input.lines', 'a checkout needs at least one line');
      const priced = lines.map((line, i) => {
        const product = byId.get(line.productId);
        if (!product) throw invalid(`input.lines.${i}.productId`, 'is not a product of this shop');
        return {
          description: product.name,
          quantity: line.quantity,
          unitPrice: product.price.amount,
          vatRate: product.vatRate,
          productNumber: product.id,
        };
      });
      const total = priced.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
      return {
        orderRef: `ord_${randomUUID().replaceAll('-', '')}`,
        amount: money(total, 'EUR'),
        order: { lines: priced },
        description: `${shopName} order`,
      };
    },
  };
}
