// A Medusa cart (items with tax lines and promotion adjustments, shipping methods) as the order snapshot
// the checkout service signs the receipt from. Totals come from Medusa's own decorateCartTotals, so the
// receipt shows what Medusa charged; amounts cross to minor units through toMoney only.
import type { CartDTO, CartLineItemDTO, CartShippingMethodDTO } from '@medusajs/framework/types';
import { type DecorateCartLikeInputDTO, decorateCartTotals } from '@medusajs/framework/utils';
import { balanceSnapshot, type OrderLineInput, type OrderSnapshot } from '@tillkit/checkout';
import type { Money } from '@tillkit/models';
import { toMoney } from './amounts.ts';

// What decorateCartTotals takes, with the names Medusa's DTOs give items and shipping methods.
type Input = DecorateCartLikeInputDTO;
type Titles = Pick<CartLineItemDTO, 'title' | 'product_title' | 'variant_title' | 'variant_sku'>;
type Item = NonNullable<Input['items']>[number] & Partial<Titles>;
type Method = NonNullable<Input['shipping_methods']>[number] & Pick<CartShippingMethodDTO, 'name'>;

/** The cart fields the snapshot reads (what `cartFields` asks Query for). */
export type CartLike = Omit<Input, 'items' | 'shipping_methods'> &
  Pick<CartDTO, 'id' | 'currency_code' | 'email'> & { items?: Item[]; shipping_methods?: Method[] };

// decorateCartTotals prices items and shipping methods from their amounts, tax lines and adjustments.
const priced = (relation: string) => ['*', 'tax_lines.*', 'adjustments.*'].map((f) => `${relation}.${f}`);

/** Query fields `snapshotOfCart` needs. */
export const cartFields = ['id', 'currency_code', 'email', ...priced('items'), ...priced('shipping_methods')];

const vatOf = (lines: Item['tax_lines']) => (lines ?? []).reduce((sum, l) => sum + Number(l.rate), 0);

/**
 * The cart as an order snapshot whose gross lines add up to `amount` exactly (what the customer pays).
 * A unit price that is not a whole minor unit is rounded up and the rest shown as the line's discount.
 */
export function snapshotOfCart(cart: CartLike, amount: Money): OrderSnapshot {
  const decorated = decorateCartTotals(cart) as {
    items?: Array<Pick<CartLineItemDTO, 'quantity' | 'original_total' | 'total'>>;
    shipping_methods?: Array<Pick<CartShippingMethodDTO, 'total'>>;
  };
  const lines: OrderLineInput[] = (cart.items ?? []).map((item, i) => {
    const totals = decorated.items?.[i];
    const quantity = Number(totals?.quantity ?? item.quantity);
    const original = toMoney(totals?.original_total ?? 0, cart.currency_code).amount;
    const total = toMoney(totals?.total ?? 0, cart.currency_code).amount;
    const unitPrice = Math.ceil(original / quantity);
    const title = item.product_title ?? item.title ?? 'Item';
    const line: OrderLineInput = {
      description:
        item.variant_title && item.variant_title !== title ? `${title} (${item.variant_title})` : title,
      quantity,
      unitPrice,
      vatRate: vatOf(item.tax_lines),
    };
    if (unitPrice * quantity > total) line.discount = unitPrice * quantity - total;
    if (item.variant_sku) line.productNumber = item.variant_sku;
    return line;
  });
  const shipping = (cart.shipping_methods ?? []).map((method, i) => ({
    description: method.name ?? 'Shipping',
    amount: toMoney(decorated.shipping_methods?.[i]?.total ?? 0, cart.currency_code).amount,
    vatRate: vatOf(method.tax_lines),
  }));
  // Medusa rounds the total once and each line on its own: the core balances the difference, or refuses.
  return balanceSnapshot(
    { lines, shipping, ...(cart.email ? { buyer: { email: cart.email } } : {}) },
    amount,
  );
}
