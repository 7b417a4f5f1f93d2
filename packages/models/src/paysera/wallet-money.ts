import { z } from 'zod';
import { CurrencyCode, fromDecimal, MinorUnits } from '../money.ts';

// Request bodies of the money lifecycle after a reservation (spec §6.3–6.4): confirm with lower prices,
// finalize a confirmed payment lower. Strict, like every request TillKit sends.

const Cents = MinorUnits.refine((n) => n >= 0, 'must not be negative');
const Decimal = z.string().regex(/^\d+(\.\d+)?$/, 'must be a decimal string such as "25.99"');

/**
 * A price for one payment: `{price (cents), currency}` as PHP's `Mapper::encodePrice` and
 * `encodeTransactionPrices` send it, or `{price_decimal, currency}` as the API reference shows.
 */
export const PaymentPriceInput = z
  .strictObject({ price: Cents.optional(), price_decimal: Decimal.optional(), currency: CurrencyCode })
  .superRefine((p, ctx) => {
    if ((p.price === undefined) === (p.price_decimal === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['price'],
        message: 'give exactly one of price or price_decimal',
      });
      return;
    }
    if (p.price_decimal === undefined || !CurrencyCode.safeParse(p.currency).success) return;
    try {
      fromDecimal(p.price_decimal, p.currency);
    } catch {
      ctx.addIssue({
        code: 'custom',
        path: ['price_decimal'],
        message: `too many decimals for ${p.currency}`,
      });
    }
  });
export type PaymentPriceInput = z.infer<typeof PaymentPriceInput>;

/** The price in minor units, whichever of `price` / `price_decimal` was given. */
export function priceCents(p: PaymentPriceInput): number {
  return p.price ?? fromDecimal(p.price_decimal as string, p.currency);
}

/**
 * Optional body of `PUT /transaction/{key}/confirm`: payment id → a lower price. PHP sends `[]` (its
 * json_encode of an empty array) when it lowers nothing; that is read as no change.
 */
export const ConfirmPricesInput = z.preprocess(
  (v) => (Array.isArray(v) && v.length === 0 ? {} : v),
  z.record(z.string().regex(/^\d+$/, 'must be a payment id'), PaymentPriceInput),
);
export type ConfirmPricesInput = z.infer<typeof ConfirmPricesInput>;

/** Optional body of `PUT /payment/{id}/finalize`: the final, lower price (PHP `finalizePayment`). */
export const FinalizePaymentInput = PaymentPriceInput;
