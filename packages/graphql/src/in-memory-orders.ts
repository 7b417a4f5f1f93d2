import { randomUUID } from 'node:crypto';
import { type Money, money, TillKitError } from '@tillkit/models';
import type { CartLine, OrderService, OrderView, ProductView } from './services.ts';

/**
 * An OrderService over a fixed catalogue, keeping orders in memory: for the standalone server and the
 * demo. Platforms bring their own (their carts and orders are the truth there).
 */
export function createInMemoryOrders(catalogue: readonly ProductView[]): OrderService {
  const byId = new Map(catalogue.map((p) => [p.id, p]));
  const orders = new Map<string, OrderView>();
  const currency = catalogue[0]?.price.currency;
  if (!currency || catalogue.some((p) => p.price.currency !== currency)) {
    throw new TillKitError(
      'INVALID_CONFIG',
      'The catalogue needs at least one product, all in one currency.',
    );
  }
  return {
    products: () => Promise.resolve([...catalogue]),
    order: (id) => Promise.resolve(orders.get(id)),
    placeOrder(lines: CartLine[]) {
      const priced = lines.map((line, i) => {
        const product = byId.get(line.productId);
        if (!product) {
          throw new TillKitError('VALIDATION_FAILED', `Unknown product ${line.productId}`, {
            issues: [{ path: `input.lines.${i}.productId`, message: 'is not a product of this shop' }],
          });
        }
        const total: Money = money(product.price.amount * line.quantity, currency);
        return {
          productId: product.id,
          name: product.name,
          quantity: line.quantity,
          unitPrice: product.price,
          total,
          vatRate: product.vatRate,
        };
      });
      const order: OrderView = {
        id: `ord_${randomUUID().replaceAll('-', '')}`,
        lines: priced,
        total: money(
          priced.reduce((sum, l) => sum + l.total.amount, 0),
          currency,
        ),
      };
      orders.set(order.id, order);
      return Promise.resolve(order);
    },
  };
}
