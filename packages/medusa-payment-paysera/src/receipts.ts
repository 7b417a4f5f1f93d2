// Where a checkout attempt meets a Medusa order: the attempt's order reference is its cart's id, Medusa
// links the cart to its order (`order_cart`). The signed receipt's reference goes on the order's metadata.
import { container } from '@medusajs/framework';
import type { MedusaRequest, MedusaResponse } from '@medusajs/framework/http';
import { Modules } from '@medusajs/framework/utils';
import { type CheckoutEvent, type CheckoutService, orderReceipts } from '@tillkit/checkout';
import { cartIdForOrder, orderIdForCart } from './medusa.ts';
import { defaultCheckout } from './runtime.ts';

// A paid cart becomes an order within seconds (the webhook completes it); until then the event is retried,
// but not for long: the stream is in order, and one cart that never completes must not hold up the others.
const orderGraceMs = 15_000;

/** On `receipt.signed` (sale receipts): the receipt number and attempt on the order, idempotently. */
export async function linkReceiptToOrder(event: CheckoutEvent, service: CheckoutService): Promise<void> {
  if (event.data['refundId'] !== undefined) return;
  const orderId = await orderIdForCart(event.orderRef);
  if (!orderId) {
    if (Date.now() - event.at < orderGraceMs) throw new Error(`no order for cart ${event.orderRef} yet`);
    return;
  }
  const state = await service.receipt(event.attemptId);
  if (state.state !== 'signed') return;
  const orders = container.resolve(Modules.ORDER);
  const order = await orders.retrieveOrder(orderId, { select: ['id', 'metadata'] });
  if (order.metadata?.['tillkit_receipt_id'] === state.receipt.receiptId) return;
  await orders.updateOrders(orderId, {
    metadata: {
      ...(order.metadata ?? {}),
      tillkit_attempt_id: event.attemptId,
      tillkit_receipt_id: state.receipt.receiptId,
      tillkit_receipt_reference: state.receipt.reference,
    },
  });
}

/** GET /admin/paysera/orders/:id/receipt (a one-line route file in the app): the sale receipt and one per refund. */
export async function receiptRoute(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const orderId = String(req.params['id']);
  const cartId = await cartIdForOrder(orderId);
  const [paid] = cartId ? await orderReceipts(defaultCheckout(), cartId) : [];
  if (!paid) {
    res.status(404).json({ type: 'not_found', message: `Order ${orderId} has no Paysera payment` });
    return;
  }
  res.json({ order_id: orderId, attempt_id: paid.attempt.id, receipt: paid.receipt, refunds: paid.refunds });
}
