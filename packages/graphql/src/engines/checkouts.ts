import { TillKitError } from '@tillkit/models';
import type { Checkout, ScanAndPayEngine } from '@tillkit/paysera';
import type { CheckoutService, CheckoutView } from '../services.ts';
import { paidStatuses } from '../services.ts';

// The engine keys a checkout by the order id; the contract's checkout ids carry a prefix so they can
// never be confused with an order id in logs or URLs.
const PREFIX = 'chk_';
export const checkoutIdOf = (orderId: string): string => `${PREFIX}${orderId}`;
const orderIdOf = (checkoutId: string): string | undefined =>
  checkoutId.startsWith(PREFIX) ? checkoutId.slice(PREFIX.length) : undefined;

function toView(c: Checkout, cancelled: boolean): CheckoutView {
  const status = cancelled && !paidStatuses.has(c.status) ? 'cancelled' : c.status;
  return {
    id: checkoutIdOf(c.orderId),
    orderId: c.orderId,
    status,
    amount: c.amount,
    description: c.description,
    qrPayload: c.qr,
    spotCode: c.spotIdentifier,
    createdAt: new Date(c.createdAt).toISOString(),
    updatedAt: new Date(c.updatedAt).toISOString(),
    // The engine's failure code is safe to show; its message may carry upstream detail, so it stays in logs.
    failureReason: status === 'failed' ? (c.failure?.code ?? 'failed') : undefined,
  };
}

/**
 * The CheckoutService over the scan-and-pay engine. Cancelling marks the checkout cancelled for the
 * shopper; the engine lets the spot expire on its own, and a payment that still arrives wins.
 */
export function createEngineCheckouts(engine: ScanAndPayEngine, locationId: number): CheckoutService {
  const cancelled = new Set<string>();
  return {
    async start({ order, description }) {
      const c = await engine.startCheckout({
        orderId: order.id,
        locationId,
        amount: order.total,
        description,
      });
      return toView(c, false);
    },
    async status(checkoutId) {
      const orderId = orderIdOf(checkoutId);
      const c = orderId === undefined ? undefined : await engine.getCheckout(orderId);
      return c && toView(c, cancelled.has(c.orderId));
    },
    async cancel(checkoutId) {
      const orderId = orderIdOf(checkoutId);
      const c = orderId === undefined ? undefined : await engine.getCheckout(orderId);
      if (!c) throw new TillKitError('NOT_FOUND', 'No checkout with this id.');
      if (paidStatuses.has(c.status))
        throw new TillKitError('INVALID_STATE', 'The checkout is paid and cannot be cancelled.');
      cancelled.add(c.orderId);
      return toView(c, true);
    },
  };
}
