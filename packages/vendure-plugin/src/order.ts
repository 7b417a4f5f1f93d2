// Vendure order → the checkout service's order snapshot. Vendure keeps every amount as an integer ×100 in
// every currency (1000 JPY is 100000); TillKit money is ISO minor units (1000 JPY is 1000).
import type { OrderSnapshot } from '@tillkit/checkout';
import { type Money, minorUnitDigits, TillKitError } from '@tillkit/models';
import type { Order } from '@vendure/core';

function scale(amount: number, exponent: number, currency: string): number {
  const scaled = exponent >= 0 ? amount * 10 ** exponent : amount / 10 ** -exponent;
  if (!Number.isSafeInteger(scaled))
    throw new TillKitError('VALIDATION_FAILED', `${amount} is not a whole number of ${currency} minor units`);
  return scaled;
}

/** A Vendure amount (×100) as TillKit money; VALIDATION_FAILED when it has a fraction of a minor unit. */
export const toMoney = (vendure: number, currency: string): Money => ({
  amount: scale(vendure, minorUnitDigits(currency) - 2, currency),
  currency,
});

/** TillKit money as a Vendure amount (×100). */
export const toVendure = (m: Money): number => scale(m.amount, 2 - minorUnitDigits(m.currency), m.currency);

/** What is still to pay on the order: its total less the payments that already count. */
export function amountDue(order: Order): number {
  const counted = (order.payments ?? []).filter((p) => p.state === 'Settled' || p.state === 'Authorized');
  return order.totalWithTax - counted.reduce((sum, p) => sum + p.amount, 0);
}

/**
 * The order as it is paid: gross lines with their line and order-level discounts, shipping, VAT rates.
 * An additional payment (a modified order) is one line for the difference, at the order's main rate.
 */
export function snapshotOf(order: Order, due: number): OrderSnapshot {
  const c = order.currencyCode;
  const vatRate = order.lines[0]?.taxRate ?? 0;
  const unitPrice = toMoney(due, c).amount;
  if (due !== order.totalWithTax)
    return { lines: [{ description: `Order ${order.code}`, quantity: 1, unitPrice, vatRate }] };
  return {
    lines: order.lines.map((line) => {
      const gross = toMoney(line.unitPriceWithTax, c).amount;
      const discount = gross * line.quantity - toMoney(line.proratedLinePriceWithTax, c).amount;
      return {
        description: line.productVariant?.name ?? `Line ${line.id}`,
        quantity: line.quantity,
        unitPrice: gross,
        vatRate: line.taxRate,
        ...(discount > 0 ? { discount } : {}),
        ...(line.productVariant?.sku ? { productNumber: line.productVariant.sku } : {}),
      };
    }),
    shipping: order.shippingLines.map((s) => ({
      description: s.shippingMethod?.name ?? 'Shipping',
      amount: toMoney(s.discountedPriceWithTax, c).amount,
      vatRate: s.taxRate,
    })),
  };
}
