import type { ReceiptState } from './receipt-types.ts';
import type { CheckoutService, PaymentAttempt, Refund } from './types.ts';

// What a shop's back office shows for an order (Medusa's admin receipt route, Vendure's Order.tillkitReceipts):
// the fiscal receipts of the payments that took money, the sale first, then one per refund.

/** A paid attempt with its sale receipt and each refund with its refund receipt. */
export interface PaidAttemptReceipts {
  attempt: PaymentAttempt;
  receipt: ReceiptState;
  refunds: Array<{ refund: Refund; receipt: ReceiptState }>;
}

/** The receipts of every confirmed attempt of `orderRef`, oldest first (normally one). */
export async function orderReceipts(
  service: CheckoutService,
  orderRef: string,
): Promise<PaidAttemptReceipts[]> {
  const paid = (await service.attemptsFor(orderRef)).filter((a) => a.status === 'confirmed');
  return Promise.all(
    paid.map(async (attempt) => ({
      attempt,
      receipt: await service.receipt(attempt.id),
      refunds: await Promise.all(
        (await service.refunds(attempt.id)).map(async (refund) => ({
          refund,
          receipt: await service.refundReceipt(refund.id),
        })),
      ),
    })),
  );
}
