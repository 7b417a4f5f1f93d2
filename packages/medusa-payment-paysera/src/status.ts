// How an attempt's state reads in Medusa's vocabulary. One table, used by authorizePayment,
// getPaymentStatus and the webhook, so the three never disagree (platforms.md A1.7: an `authorized` webhook
// while authorizePayment answers `captured` leaves an order without its transaction).
import type { PaymentSessionStatus } from '@medusajs/framework/types';
import { PaymentActions } from '@medusajs/framework/utils';
import type { AttemptStatus, PaymentAttempt } from '@tillkit/checkout';

const sessionStatus: Record<AttemptStatus, PaymentSessionStatus> = {
  awaiting_scan: 'pending_authorization',
  order_attached: 'pending_authorization',
  // In automatic mode the confirm is on its way: Medusa hears `captured` once it is done.
  reserved: 'pending_authorization',
  confirmed: 'captured',
  cancelled: 'canceled',
  expired: 'error',
  rejected: 'error',
  failed: 'error',
};

export function sessionStatusOf(attempt: PaymentAttempt): PaymentSessionStatus {
  const manualReserve = attempt.status === 'reserved' && attempt.captureMode === 'manual';
  return manualReserve ? 'authorized' : sessionStatus[attempt.status];
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
