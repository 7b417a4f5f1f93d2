// What the provider reads from Medusa itself, through the app's container: the cart behind a payment
// session, the amount of a capture, the order of a cart. (A provider's own container has no Query.)
import { container } from '@medusajs/framework';
import { ContainerRegistrationKeys, Modules } from '@medusajs/framework/utils';
import type { Money } from '@tillkit/models';
import { toMoney } from './amounts.ts';
import { type CartLike, cartFields } from './order-snapshot.ts';

type Row = Record<string, unknown>;

/** The first row Query finds, or undefined. */
export async function first(entity: string, fields: string[], filters: Row): Promise<Row | undefined> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY);
  return (await query.graph({ entity, fields, filters })).data[0];
}

export async function cartOfSession(sessionId: string): Promise<CartLike | undefined> {
  const session = await first('payment_session', ['payment_collection_id'], { id: sessionId });
  if (!session) return undefined;
  const link = await first('cart_payment_collection', ['cart_id'], {
    payment_collection_id: session['payment_collection_id'],
  });
  if (!link) return undefined;
  return (await first('cart', cartFields, { id: link['cart_id'] })) as CartLike | undefined;
}

export async function orderIdForCart(cartId: string): Promise<string | undefined> {
  return (await first('order_cart', ['order_id'], { cart_id: cartId }))?.['order_id'] as string | undefined;
}

export async function cartIdForOrder(orderId: string): Promise<string | undefined> {
  return (await first('order_cart', ['cart_id'], { order_id: orderId }))?.['cart_id'] as string | undefined;
}

/** Medusa tells the provider no capture amount; the capture it just recorded (the idempotency key) has it. */
export async function captureAmount(
  captureId: string | undefined,
  authorized: Money,
): Promise<Money | undefined> {
  if (!captureId) return undefined;
  const payments = container.resolve(Modules.PAYMENT);
  const [capture] = await payments.listCaptures({ id: captureId }, { select: ['id', 'raw_amount'] });
  const amount =
    capture?.raw_amount === undefined ? undefined : toMoney(capture.raw_amount, authorized.currency);
  return amount && amount.amount < authorized.amount ? amount : undefined;
}
