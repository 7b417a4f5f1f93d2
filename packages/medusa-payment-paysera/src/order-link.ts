// Where a checkout attempt meets a Medusa order: the attempt keeps the cart id it was started for, Medusa
// links the cart to its order (`order_cart`). The signed receipt's reference goes on the order's metadata.
import { container } from '@medusajs/framework';
import { ContainerRegistrationKeys, Modules } from '@medusajs/framework/utils';
import type { CheckoutEvent, CheckoutService, PaymentAttempt } from '@tillkit/checkout';

type Query = {
  graph(q: { entity: string; fields: string[]; filters: Record<string, unknown> }): Promise<{ data: any[] }>;
};
type OrderModule = {
  retrieveOrder(id: string, config: { select: string[] }): Promise<{ metadata?: Record<string, unknown> | null }>;
  updateOrders(id: string, data: { metadata: Record<string, unknown> }): Promise<unknown>;
};

const query = () => container.resolve(ContainerRegistrationKeys.QUERY) as Query;

// A paid cart becomes an order within seconds (the webhook completes it); until then the event is retried.
const orderGraceMs = 120_000;

export async function orderIdForCart(cartId: string): Promise<string | undefined> {
  const { data } = await query().graph({ entity: 'order_cart', fields: ['order_id'], filters: { cart_id: cartId } });
  return data[0]?.order_id;
}

export async function cartIdForOrder(orderId: string): Promise<string | undefined> {
  const { data } = await query().graph({ entity: 'order_cart', fields: ['cart_id'], filters: { order_id: orderId } });
  return data[0]?.cart_id;
}

/** The cart's attempt that took money (the one the order was paid with). */
export async function paidAttemptForOrder(service: CheckoutService, orderId: string): Promise<PaymentAttempt | undefined> {
  const cartId = await cartIdForOrder(orderId);
  if (!cartId) return undefined;
  return (await service.attemptsFor(cartId)).find((a) => a.status === 'confirmed');
}

/** On `receipt.signed` (sale receipts): the receipt number and attempt on the order, idempotently. */
export async function linkReceiptToOrder(event: CheckoutEvent, service: CheckoutService): Promise<void> {
  if (event.data['refundId'] !== undefined) return;
  const attempt = await service.get(event.attemptId);
  const cartId = attempt?.metadata['cartId'];
  if (!attempt || !cartId) return;
  const orderId = await orderIdForCart(cartId);
  if (!orderId) {
    if (Date.now() - event.at < orderGraceMs) throw new Error(`no order for cart ${cartId} yet`);
    return;
  }
  const state = await service.receipt(attempt.id);
  if (state.state !== 'signed') return;
  const orders = container.resolve(Modules.ORDER) as OrderModule;
  const order = await orders.retrieveOrder(orderId, { select: ['id', 'metadata'] });
  if (order.metadata?.['tillkit_receipt_id'] === state.receipt.receiptId) return;
  await orders.updateOrders(orderId, {
    metadata: {
      ...(order.metadata ?? {}),
      tillkit_attempt_id: attempt.id,
      tillkit_receipt_id: state.receipt.receiptId,
      tillkit_receipt_reference: state.receipt.reference,
    },
  });
}
