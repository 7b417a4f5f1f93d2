import { z } from 'zod';
import { CurrencyCode, fromDecimal } from '../money.ts';
import { DecimalAmount, IsoDateTime, openEnum } from '../shared.ts';

// Paysera POS External API (/eapi/v1, Bearer token). camelCase, ISO-8601 UTC times, monetary amounts as
// decimal strings in the currency ("25.00"): the production integration sends them that way, unlike
// the Wallet API's cents. Response objects are loose so fields a newer API adds are kept, not dropped.

export const PosOrderStatus = ['pending', 'completed', 'canceled'] as const;
export type PosOrderStatus = (typeof PosOrderStatus)[number];
export const FinancialDocumentType = ['receipt', 'return', 'collection'] as const;
export type FinancialDocumentType = (typeof FinancialDocumentType)[number];

export const CashRegisterStatus = z.looseObject({
  number: z.string().min(1),
  status: openEnum(['online', 'offline']),
  fiscalDayNumber: z.number().int().nonnegative().optional(),
  fiscalDayStarted: z.boolean().optional(),
  lastTransaction: IsoDateTime.nullable().optional(),
  currentBalance: DecimalAmount.optional(),
  currency: CurrencyCode.optional(),
});
export type CashRegisterStatus = z.infer<typeof CashRegisterStatus>;

const Rate = z.number().min(0).max(100);

/**
 * One line of `POST /orders` as the API reference documents it (`/api/pos/create-order`):
 * `{productId, quantity, price, name, vatRate}`, `price` being the unit price as a decimal in the
 * order's currency (the reference writes 19.99). This is the shape TillKit's client sends.
 */
export const OrderPositionInput = z.strictObject({
  productId: z.string().min(1).max(255).optional(),
  name: z.string().min(1).max(255),
  quantity: z.number().positive(),
  price: DecimalAmount,
  vatRate: Rate,
});
export type OrderPositionInput = z.infer<typeof OrderPositionInput>;

/**
 * An order line as a POS response may carry it: the reference's `{id, productId, name, quantity, price,
 * totalPrice, vatRate, vatAmount}`, or the older `{title, productSKU, unitPrice: {regular}, tax}` a
 * production plugin reads. Either names the line (`name` or `title`); everything else is kept as sent.
 */
export const OrderPosition = z
  .looseObject({
    id: z.string().optional(),
    productId: z.string().optional(),
    name: z.string().min(1).optional(),
    title: z.string().min(1).optional(),
    quantity: z.number().positive(),
    price: DecimalAmount.optional(),
    totalPrice: DecimalAmount.optional(),
    vatRate: Rate.optional(),
    vatAmount: DecimalAmount.optional(),
    unitPrice: z.looseObject({ regular: DecimalAmount }).optional(),
    tax: z.looseObject({ taxRate: Rate, taxClassifier: z.string().optional() }).optional(),
  })
  .refine((p) => p.name !== undefined || p.title !== undefined, {
    message: 'a line needs a name',
    path: ['name'],
  });
export type OrderPosition = z.infer<typeof OrderPosition>;

export const OrderPayment = z.looseObject({
  paymentMethod: z.string().min(1),
  amount: DecimalAmount,
  advancePayment: z.number().optional(),
  createdAt: IsoDateTime.optional(),
});
export type OrderPayment = z.infer<typeof OrderPayment>;

export const OrderCustomer = z.looseObject({
  name: z.string().optional(),
  email: z.email().optional(),
  phone: z.string().optional(),
  billingAddress: z.looseObject({ phone: z.string().optional() }).optional(),
});

/** Body of `POST /orders`, as the API reference documents it (`/api/pos/create-order`). */
export const CreateOrderInput = z
  .strictObject({
    number: z.string().min(1).max(64).optional(),
    currency: CurrencyCode,
    languageCode: z.string().min(2).max(5).optional(),
    /** A discount on the whole order, a decimal in its currency. */
    discountPrice: DecimalAmount.optional(),
    createdAt: IsoDateTime.optional(),
    expiresAt: IsoDateTime.optional(),
    reservationName: z.string().optional(),
    reservationComment: z.string().optional(),
    orderPositions: z.array(OrderPositionInput).min(1, 'an order needs at least one position'),
    payments: z.array(OrderPayment).optional(),
    customer: OrderCustomer.optional(),
  })
  .superRefine((o, ctx) => {
    if (!CurrencyCode.safeParse(o.currency).success) return;
    const amounts: Array<[(string | number)[], string | number]> = o.orderPositions.map((p, i) => [
      ['orderPositions', i, 'price'],
      p.price,
    ]);
    if (o.discountPrice !== undefined) amounts.push([['discountPrice'], o.discountPrice]);
    for (const [path, amount] of amounts) {
      try {
        if (fromDecimal(amount, o.currency) < 0)
          ctx.addIssue({ code: 'custom', path, message: 'must not be negative' });
      } catch {
        ctx.addIssue({ code: 'custom', path, message: `must be a ${o.currency} amount` });
      }
    }
  });
export type CreateOrderInput = z.infer<typeof CreateOrderInput>;

/** Body of `PATCH /orders/{id}`: any creatable field except the number. */
export const UpdateOrderInput = z.strictObject({
  currency: CurrencyCode.optional(),
  languageCode: z.string().min(2).max(5).optional(),
  discountPrice: DecimalAmount.optional(),
  createdAt: IsoDateTime.optional(),
  expiresAt: IsoDateTime.optional(),
  reservationName: z.string().optional(),
  reservationComment: z.string().optional(),
  orderPositions: z.array(OrderPositionInput).min(1, 'an order needs at least one position').optional(),
  payments: z.array(OrderPayment).optional(),
  customer: OrderCustomer.optional(),
});
export type UpdateOrderInput = z.infer<typeof UpdateOrderInput>;

export const PosOrder = z.looseObject({
  id: z.string().min(1),
  number: z.string().min(1),
  status: openEnum(PosOrderStatus),
  currency: CurrencyCode,
  totalAmount: DecimalAmount.optional(),
  discountPrice: DecimalAmount.optional(),
  orderPositions: z.array(OrderPosition),
  payments: z.array(OrderPayment).optional(),
  customer: OrderCustomer.optional(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime.optional(),
});
export type PosOrder = z.infer<typeof PosOrder>;

export const Invoice = z.looseObject({
  uuid: z.string().min(1),
  number: z.string().min(1),
  prefix: z.string(),
  fullNumber: z.string().min(1),
  totalAmount: DecimalAmount,
  currency: CurrencyCode,
  status: openEnum(['paid', 'unpaid', 'canceled']),
  orderId: z.string().optional(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime.optional(),
});
export type Invoice = z.infer<typeof Invoice>;

export const DocumentLine = z.looseObject({
  description: z.string(),
  quantity: z.number(),
  unitPrice: DecimalAmount,
  totalPrice: DecimalAmount,
  vatRate: z.number().optional(),
  vatAmount: DecimalAmount.optional(),
});

export const FinancialDocument = z.looseObject({
  id: z.string().min(1),
  type: openEnum(FinancialDocumentType),
  number: z.string().min(1),
  cashRegisterNumber: z.string().optional(),
  amount: DecimalAmount,
  currency: CurrencyCode,
  fiscalDayNumber: z.number().int().nonnegative(),
  status: z.string().optional(),
  createdAt: IsoDateTime,
  lineItems: z.array(DocumentLine).optional(),
  originalReceiptId: z.string().optional(),
  collectedBy: z.string().optional(),
  notes: z.string().optional(),
});
export type FinancialDocument = z.infer<typeof FinancialDocument>;

export const FiscalDay = z.looseObject({
  id: z.string().min(1),
  number: z.number().int().nonnegative(),
  cashRegisterNumber: z.string().min(1),
  startedAt: IsoDateTime,
  closedAt: IsoDateTime.nullable().optional(),
  status: openEnum(['open', 'closed']),
  totalSales: DecimalAmount,
  totalReturns: DecimalAmount,
  totalCollections: DecimalAmount,
  currency: CurrencyCode,
  transactionCount: z.number().int().nonnegative(),
  receiptCount: z.number().int().nonnegative(),
  returnCount: z.number().int().nonnegative(),
});
export type FiscalDay = z.infer<typeof FiscalDay>;

export const PageLinks = z.looseObject({
  first: z.string(),
  last: z.string(),
  self: z.string(),
  next: z.string().nullable().optional(),
  prev: z.string().nullable().optional(),
});
export type PageLinks = z.infer<typeof PageLinks>;

/** A POS list envelope. Clients tolerate `items` in place of `data` (some reference pages use it). */
export function posPage<T extends z.ZodType>(item: T) {
  return z.preprocess(
    (v) =>
      v && typeof v === 'object' && !('data' in v) && 'items' in v
        ? { ...v, data: (v as { items: unknown }).items }
        : v,
    z.looseObject({
      itemsTotal: z.number().int().nonnegative(),
      pagesTotal: z.number().int().nonnegative(),
      data: z.array(item),
      links: PageLinks,
    }),
  );
}
export interface PosPage<T> {
  itemsTotal: number;
  pagesTotal: number;
  data: T[];
  links: PageLinks;
}

/** POS error body: `{message, errors?: {field: [reason]}}`. */
export const PosErrorBody = z.looseObject({
  message: z.string(),
  errors: z.record(z.string(), z.array(z.string())).optional(),
});
export type PosErrorBody = z.infer<typeof PosErrorBody>;

/** Shared list query: `page` ≥ 1, `pageSize` 1–100. */
export const PosPageQuery = z.strictObject({
  page: z.number().int().min(1).optional(),
  pageSize: z.number().int().min(1).max(100).optional(),
});

export const OrderFilter = PosPageQuery.extend({
  numbers: z.array(z.string().min(1)).optional(),
  status: z.array(z.enum(PosOrderStatus)).optional(),
  createdAtFrom: IsoDateTime.optional(),
  createdAtTo: IsoDateTime.optional(),
});
export type OrderFilter = z.infer<typeof OrderFilter>;

export const InvoiceFilter = PosPageQuery.extend({
  numbers: z.array(z.string().min(1)).optional(),
  prefix: z.array(z.string()).optional(),
  fullNumbers: z.array(z.string().min(1)).optional(),
  createdAtFrom: IsoDateTime.optional(),
  createdAtTo: IsoDateTime.optional(),
  updatedAtFrom: IsoDateTime.optional(),
  updatedAtTo: IsoDateTime.optional(),
});
export type InvoiceFilter = z.infer<typeof InvoiceFilter>;

export const DocumentFilter = PosPageQuery.extend({
  type: z.array(z.enum(FinancialDocumentType)).optional(),
  fiscalDayNumber: z.number().int().nonnegative().optional(),
  createdAtFrom: IsoDateTime.optional(),
  createdAtTo: IsoDateTime.optional(),
});
export type DocumentFilter = z.infer<typeof DocumentFilter>;
