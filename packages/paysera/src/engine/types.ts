import { type Logger, Money } from '@tillkit/models';
import { z } from 'zod';

/** Every status a scan-and-pay checkout can be in. The happy path is the first five, in order. */
export const CheckoutStatus = [
  'awaiting_scan',
  'order_attached',
  'reserved',
  'confirmed',
  'spot_closed',
  'expired',
  'rejected',
  'failed',
  'cancelled',
] as const;
export type CheckoutStatus = (typeof CheckoutStatus)[number];

/** Statuses after which the payment outcome is settled (the spot may still need closing). */
export const settledStatuses: ReadonlySet<CheckoutStatus> = new Set([
  'spot_closed',
  'expired',
  'rejected',
  'failed',
  'cancelled',
]);

/** Unpaid ends: the engine still revokes the transaction (unless `released`) and closes the spot. */
export const unpaidStatuses: ReadonlySet<CheckoutStatus> = new Set([
  'expired',
  'rejected',
  'failed',
  'cancelled',
]);

/** `automatic`: confirm as soon as the customer reserves. `manual`: wait for `capture()`. */
export type CaptureMode = 'automatic' | 'manual';

/** What a caller passes to `startCheckout`. */
export const StartCheckoutInput = z.object({
  /** The merchant's order id, sent as the transaction's `parameters.orderid`. */
  orderId: z.string().min(1).max(128),
  /** The checkout's own id (a payment attempt): several checkouts may share an order. @default orderId */
  checkoutId: z.string().min(1).max(128).optional(),
  /** @default 'automatic' */
  captureMode: z.enum(['automatic', 'manual']).optional(),
  /**
   * Hours the confirmed payment stays frozen (Paysera `freeze_for`): refunds through the Wallet API are
   * only possible inside this window. @default 0 (no freeze: the money settles at confirm, no API refunds)
   */
  refundWindowHours: z.number().int().min(0).max(8760).optional(),
  /** The Paysera location whose spot the shopper scans. */
  locationId: z.number().int().positive(),
  /** The spot to use; when omitted, a free spot of the location is picked. */
  spotId: z.number().int().positive().optional(),
  /** The spot's identifier (`table1`), when the caller knows it: with `spotId`, it saves the spot lookup. */
  spotIdentifier: z.string().min(1).optional(),
  amount: Money.refine((m) => m.amount > 0, { message: 'must be positive', path: ['amount'] }),
  description: z.string().min(1).max(255),
});
export type StartCheckoutInput = z.infer<typeof StartCheckoutInput>;

/** A checkout as persisted in a {@link PaymentStore}. Plain JSON, so any store can hold it. */
export interface Checkout {
  /** The checkout id (a payment attempt; the order id when the caller gave none). */
  id: string;
  orderId: string;
  /** @default 'automatic' (older records have none) */
  captureMode?: CaptureMode;
  /** Paysera's id of the transaction's one payment (confirm prices, refunds address it). */
  paymentId?: number;
  refundWindowHours?: number;
  /** Set (and persisted) by `cancel()`; from then on the engine revokes instead of confirming. */
  cancelRequestedAt?: number;
  /** Set by `capture()` in manual mode: confirm for this amount (minor units, ≤ amount). */
  captureRequested?: { at: number; amount: number };
  /** When the customer's reservation was seen. */
  reservedAt?: number;
  /** What the confirm took (minor units), once confirmed. */
  capturedAmount?: number;
  /** True once the transaction holds no money of the customer's (revoked, rejected, never created). */
  released?: boolean;
  locationId: number;
  spotId: number;
  spotIdentifier: string;
  /** What the shopper scans: `PAYSERA*{locationId}:{identifier}`. */
  qr: string;
  amount: Money;
  description: string;
  status: CheckoutStatus;
  transactionKey?: string;
  /** Set (and persisted) before `POST /transaction`, so a resumed worker looks for the transaction before creating one. */
  createRequestedAt?: number;
  /** Set (and persisted) before `PUT …/confirm`, so a resumed worker reads the transaction before confirming again. */
  confirmRequestedAt?: number;
  /** How many times `PUT …/confirm` was sent for this checkout (diagnostics; the engine aims at 1). */
  confirmAttempts: number;
  /** True once `DELETE /spot/{id}` succeeded (or the spot was already closed). */
  spotClosed: boolean;
  /** @deprecated No longer written: rejections come from the batched transaction list. Older records may carry it. */
  lastReconciledAt?: number;
  failure?: { code: string; message: string };
  createdAt: number;
  updatedAt: number;
  expiresAt: number;
  /** Optimistic-concurrency counter; every store write bumps it. */
  version: number;
}

/** Emitted on every status change. */
export interface CheckoutStatusEvent {
  checkoutId: string;
  orderId: string;
  previous: CheckoutStatus;
  status: CheckoutStatus;
  checkout: Checkout;
}

/** The logger the engine writes to: the one logger of every package (`@tillkit/models`' `Logger`). */
export type EngineLogger = Logger;

export const silentLogger: EngineLogger = { warn() {}, error() {} };
