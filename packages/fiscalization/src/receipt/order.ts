import { CurrencyCode, MinorUnits } from '@tillkit/models';
import { z } from 'zod';

/** One order line: quantity (up to 3 decimals, e.g. 0.25 kg) × unit price in minor units. */
export const OrderLine = z.object({
  description: z.string().min(1).max(1023),
  quantity: z
    .number()
    .positive()
    .refine(
      (q) => Number.isSafeInteger(Math.round(q * 1000)) && Math.abs(q * 1000 - Math.round(q * 1000)) < 1e-6,
      'must have at most 3 decimals',
    ),
  /** Gross unit price (VAT included) in minor units. */
  unitPrice: MinorUnits.refine((n) => n >= 0, 'must not be negative'),
  /** VAT rate in percent (20, 10, 13, 19, 7, 22, 5, 4, 0 depending on the country). */
  vatRate: z.number().min(0).max(100),
  /** @default 'goods' */
  kind: z.enum(['goods', 'service']).optional(),
  productNumber: z.string().min(1).optional(),
  /** A discount on this line (gross, minor units, positive): signed as its own discount charge item. */
  discount: MinorUnits.refine((n) => n > 0, 'must be positive').optional(),
});
export type OrderLine = z.input<typeof OrderLine>;

/** One payment of the order. */
export const OrderPayment = z.object({
  method: z.enum(['cash', 'card', 'online', 'voucher']),
  amount: MinorUnits.refine((n) => n >= 0, 'must not be negative'),
  description: z.string().min(1).optional(),
});
export type OrderPayment = z.input<typeof OrderPayment>;

/** A platform-neutral order, as Medusa, Vendure or a POS hands it to the receipt builder. */
export const FiscalOrder = z.object({
  id: z.string().min(1),
  /** The receipt reference (`cbReceiptReference`), unique per receipt in the POS. @default id */
  reference: z.string().min(1).max(1023).optional(),
  /** When the sale happened (ISO-8601). Part of the signed body, so it must not change between retries. */
  moment: z.iso.datetime({ offset: true }),
  /** @default 'EUR' */
  currency: CurrencyCode.optional(),
  lines: z.array(OrderLine).min(1),
  payments: z.array(OrderPayment).min(1),
  /** Set for a refund: the reference of the receipt being refunded. Amounts stay positive here. */
  refund: z.object({ previousReference: z.string().min(1) }).optional(),
});
export type FiscalOrder = z.input<typeof FiscalOrder>;
