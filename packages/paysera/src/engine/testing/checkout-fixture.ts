import type { Checkout } from '../types.ts';

/** A checkout of 25.99 EUR on spot 1001 awaiting its scan, for the machine's pure tests. */
export const baseCheckout: Checkout = {
  id: 'o1',
  orderId: 'o1',
  locationId: 1,
  spotId: 1001,
  spotIdentifier: 't1',
  qr: 'PAYSERA*1:t1',
  amount: { amount: 2599, currency: 'EUR' },
  description: 'Table 1',
  status: 'awaiting_scan',
  confirmAttempts: 0,
  spotClosed: false,
  createdAt: 0,
  updatedAt: 0,
  expiresAt: 1000,
  version: 1,
};

/** The base checkout with `patch` applied. */
export const checkoutAt = (patch: Partial<Checkout>): Checkout => ({ ...baseCheckout, ...patch });
