import { z } from 'zod';
import { CurrencyCode } from '../money.ts';
import { DecimalAmount, IsoDateTime } from '../shared.ts';
import { OrderCustomer, OrderPayment } from './pos.ts';

// The other `POST /orders` bodies Paysera's material shows. TillKit's client sends the API reference's
// shape (CreateOrderInput); the sandbox also accepts these two, as a POS integrator may send them.

const Rate = z.number().min(0).max(100);

/** The guides' example (`/guides/pos/examples`): `items[{name, quantity, price, tax_rate}]`, `notes`. */
export const GuideOrderInput = z.strictObject({
  number: z.string().min(1).max(64).optional(),
  currency: CurrencyCode.optional(),
  customer: OrderCustomer.optional(),
  items: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        quantity: z.number().positive(),
        price: DecimalAmount,
        tax_rate: Rate,
      }),
    )
    .min(1, 'an order needs at least one item'),
  notes: z.string().optional(),
});
export type GuideOrderInput = z.infer<typeof GuideOrderInput>;

/**
 * The shape a production WooCommerce plugin sends (spec §3.3): `orderPositions[{title, productSKU,
 * quantity, unitPrice: {regular}, measureUnit, tax: {taxRate, taxClassifier}}]`.
 */
export const PluginOrderInput = z.strictObject({
  number: z.string().min(1).max(64).optional(),
  currency: CurrencyCode,
  languageCode: z.string().min(2).max(5).optional(),
  createdAt: IsoDateTime.optional(),
  expiresAt: IsoDateTime.optional(),
  reservationName: z.string().optional(),
  reservationComment: z.string().optional(),
  orderPositions: z
    .array(
      z.strictObject({
        title: z.string().min(1),
        productSKU: z.string().optional(),
        quantity: z.number().positive(),
        unitPrice: z.strictObject({ regular: DecimalAmount }),
        measureUnit: z.string().optional(),
        tax: z.strictObject({ taxRate: Rate, taxClassifier: z.string().optional() }).optional(),
      }),
    )
    .min(1, 'an order needs at least one position'),
  payments: z.array(OrderPayment).optional(),
  customer: OrderCustomer.optional(),
});
export type PluginOrderInput = z.infer<typeof PluginOrderInput>;
