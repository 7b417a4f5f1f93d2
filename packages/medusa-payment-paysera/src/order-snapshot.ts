// A Medusa cart (items with tax lines and promotion adjustments, shipping methods) as the order snapshot
// the checkout service signs the receipt from. Totals come from Medusa's own decorateCartTotals, so the
// receipt shows what Medusa charged; amounts cross to minor units through toMoney only.
import { type DecorateCartLikeInputDTO, decorateCartTotals } from '@medusajs/framework/utils';
import { balanceSnapshot, type OrderLineInput, type OrderSnapshot } from '@tillkit/checkout';
import type { Money } from '@tillkit/models';
import { toMoney } from './amounts.ts';

type Amount = Parameters<typeof toMoney>[0];
type TaxLine = { rate: Amount };
type Titles = {
  title?: string | null;
  product_title?: string | null;
  variant_title?: string | null;
  variant_sku?: string | null;
};
type Priced = { amount: Amount; name?: string | null; tax_lines?: TaxLine[] };

/** The cart fields the snapshot reads (what `cartFields` asks Query for). */
export type CartLike = Omit<DecorateCartLikeInputDTO, 'items' | 'shipping_methods'> & {
  id: string;
  currency_code: string;
  email?: string | null;
  items?: Array<NonNullable<DecorateCartLikeInputDTO['items']>[number] & Titles>;
  shipping_methods?: Array<NonNullable<DecorateCartLikeInputDTO['shipping_methods']>[number] & Priced>;
};

/** Query fields `snapshotOfCart` needs. */
export const cartFields = [
  'id',
  'currency_code',
  'email',
  'items.*',
  'items.tax_lines.*',
  'items.adjustments.*',
  'shipping_methods.*',
  'shipping_methods.tax_lines.*',
  'shipping_methods.adjustments.*',
];

const vatOf = (lines: TaxLine[] | undefined) => (lines ?? []).reduce((sum, l) => sum + Number(l.rate), 0);

/**
 * The cart as an order snapshot whose gross lines add up to `amount` exactly (what the customer pays).
 * A unit price that is not a whole minor unit is rounded up and the rest shown as the line's discount.
 */
export function snapshotOfCart(cart: CartLike, amount: Money): OrderSnapshot {
  const decorated = decorateCartTotals(cart) as unknown as {
    items?: Array<{ quantity: Amount; original_total: Amount; total: Amount }>;
    shipping_methods?: Array<{ total: Amount }>;
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
