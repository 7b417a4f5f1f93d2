import {
  CreateOrderInput,
  fromDecimal,
  GuideOrderInput,
  PluginOrderInput,
  type PosOrder,
  toDecimalString,
} from '@tillkit/models';
import type { SandboxResponse } from '../contract.ts';
import { type BodyResult, parseJsonBody } from '../shared/body.ts';
import { posError, posValidation } from './errors.ts';

// `POST /orders` bodies in the three shapes Paysera's material shows, read into the API reference's
// shape (which the sandbox stores and answers): the reference `orderPositions[{productId, quantity, price,
// name, vatRate}]`, the guides' `items[{name, quantity, price, tax_rate}]`, and the plugin shape
// `orderPositions[{title, unitPrice: {regular}, tax: {taxRate}}]`. The shape is picked by its keys, so
// field errors name the fields of the shape that was meant.

/** An order body in the reference shape, amounts as the wire wrote them. */
export type OrderBody = CreateOrderInput & { notes?: string };

function variantOf(data: unknown): 'guide' | 'plugin' | 'reference' {
  if (data === null || typeof data !== 'object') return 'reference';
  if ('items' in data && !('orderPositions' in data)) return 'guide';
  const positions = (data as { orderPositions?: unknown }).orderPositions;
  const first = Array.isArray(positions) ? (positions[0] as Record<string, unknown> | undefined) : undefined;
  return first !== undefined && ('title' in first || 'unitPrice' in first) ? 'plugin' : 'reference';
}

function fromGuide(g: GuideOrderInput): OrderBody {
  const { items, notes, ...rest } = g;
  return {
    ...rest,
    // The guides' example sends no currency (ASSUMPTION: the merchant's, EUR in the sandbox).
    currency: g.currency ?? 'EUR',
    orderPositions: items.map((i) => ({
      name: i.name,
      quantity: i.quantity,
      price: i.price,
      vatRate: i.tax_rate,
    })),
    ...(notes === undefined ? {} : { notes }),
  };
}

function fromPlugin(p: PluginOrderInput): OrderBody {
  return {
    ...p,
    orderPositions: p.orderPositions.map((line) => ({
      ...(line.productSKU === undefined ? {} : { productId: line.productSKU }),
      name: line.title,
      quantity: line.quantity,
      price: line.unitPrice.regular,
      vatRate: line.tax?.taxRate ?? 0,
    })),
  };
}

/** Parses a create body in any documented shape, or the 400/422 answer naming the bad field. */
export function readOrderBody(raw: Buffer): OrderBody | SandboxResponse {
  let probe: unknown;
  try {
    probe = raw.length === 0 ? undefined : JSON.parse(raw.toString('utf8'));
  } catch {
    return posError(400, 'Malformed JSON.');
  }
  const variant = variantOf(probe);
  const answer = <T>(r: BodyResult<T>, read: (v: T) => OrderBody): OrderBody | SandboxResponse =>
    r.ok ? read(r.value) : r.kind === 'malformed' ? posError(400, r.message) : posValidation(r.errors);
  if (variant === 'guide') return answer(parseJsonBody(raw, GuideOrderInput), fromGuide);
  if (variant === 'plugin') return answer(parseJsonBody(raw, PluginOrderInput), fromPlugin);
  return answer(parseJsonBody(raw, CreateOrderInput), (v) => v);
}

/**
 * The stored order lines and total: each line's price and total as decimal strings in the currency
 * (as every POS amount is answered), the total less `discountPrice`.
 */
export function priceOrder(
  body: Pick<OrderBody, 'orderPositions' | 'currency' | 'discountPrice'>,
): Pick<PosOrder, 'orderPositions' | 'totalAmount'> {
  let total = 0;
  const orderPositions = body.orderPositions.map((p) => {
    const unit = fromDecimal(p.price, body.currency);
    const line = Math.round(unit * p.quantity);
    total += line;
    return {
      ...p,
      price: toDecimalString(unit, body.currency),
      totalPrice: toDecimalString(line, body.currency),
    };
  });
  const discount = body.discountPrice === undefined ? 0 : fromDecimal(body.discountPrice, body.currency);
  return { orderPositions, totalAmount: toDecimalString(total - discount, body.currency) };
}
