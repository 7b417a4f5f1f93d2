// How an attempt's state reads in Medusa's vocabulary. One table, used by authorizePayment,
// getPaymentStatus and the webhook, so the three never disagree (platforms.md A1.7: an `authorized` webhook
// while authorizePayment answers `captured` leaves an order without its transaction).
import type { PaymentSessionStatus } from '@medusajs/framework/types';
import { PaymentActions } from '@medusajs/framework/utils';
import type { PaymentAttempt } from '@tillkit/checkout';

export function sessionStatusOf(attempt: PaymentAttempt): PaymentSessionStatus {
  switch (attempt.status) {
    case 'awaiting_scan':
    case 'order_attached':
      return 'pending_authorization';
    case 'reserved':
      // In automatic mode the confirm is on its way: Medusa hears `captured` once it is done.
      return attempt.captureMode === 'manual' ? 'authorized' : 'pending_authorization';
    case 'confirmed':
      return 'captured';
    case 'cancelled':
      return 'canceled';
    default:
      return 'error';
  }
}

export function webhookActionOf(attempt: PaymentAttempt): PaymentActions {
  const status = sessionStatusOf(attempt);
  if (status === 'authorized') return PaymentActions.AUTHORIZED;
  // Manual mode: a confirmed attempt was captured by Medusa itself (capturePayment); nothing to tell it.
  if (status === 'captured')
    return attempt.captureMode === 'manual' ? PaymentActions.NOT_SUPPORTED : PaymentActions.SUCCESSFUL;
  if (status === 'canceled') return PaymentActions.CANCELED;
  if (status === 'error') return PaymentActions.FAILED;
  return PaymentActions.PENDING;
}
