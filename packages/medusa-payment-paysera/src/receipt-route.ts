// GET /admin/paysera/orders/:id/receipt (mounted by a one-line route file in the app): the signed sale
// receipt of the order and one receipt per refund, as the checkout service stores them.
import type { MedusaRequest, MedusaResponse } from '@medusajs/framework/http';
import { paidAttemptForOrder } from './order-link.ts';
import { defaultCheckout } from './runtime.ts';

export async function receiptRoute(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const orderId = String(req.params['id']);
  const service = defaultCheckout();
  const attempt = await paidAttemptForOrder(service, orderId);
  if (!attempt) {
    res.status(404).json({ type: 'not_found', message: `Order ${orderId} has no Paysera payment` });
    return;
  }
  const refunds = await service.refunds(attempt.id);
  res.json({
    order_id: orderId,
    attempt_id: attempt.id,
    receipt: await service.receipt(attempt.id),
    refunds: await Promise.all(
      refunds.map(async (refund) => ({ refund, receipt: await service.refundReceipt(refund.id) })),
    ),
  });
}
