// The service's own types: what every adapter (GraphQL, Medusa, Vendure) sees. Platform-neutral, plain
// JSON, money always an integer in minor units with its ISO currency.
import type { Logger, Money } from '@tillkit/models';
import type { ReceiptState } from './receipt-types.ts';
import type { Job } from './store/port.ts';

export type * from './receipt-types.ts';

export type { Logger };

/** `automatic`: confirm as soon as the customer reserves. `manual`: reserved = authorized; `capture()` confirms. */
export type CaptureMode = 'automatic' | 'manual';

/**
 * Where a payment attempt stands. `awaiting_scan` → `order_attached` → `reserved` (authorized) →
 * `confirmed` (captured) is the happy path; `cancelled`, `expired`, `rejected` and `failed` are unpaid ends,
 * in which any reservation has been (or is being) released.
 */
export const AttemptStatus = [
  'awaiting_scan',
  'order_attached',
  'reserved',
  'confirmed',
  'cancelled',
  'expired',
  'rejected',
  'failed',
] as const;
export type AttemptStatus = (typeof AttemptStatus)[number];

/** Ends in which no money was taken. */
export const unpaidEnds: ReadonlySet<AttemptStatus> = new Set(['cancelled', 'expired', 'rejected', 'failed']);

/** One line of the order as it is sold: gross prices (VAT included), minor units. */
export interface OrderLineInput {
  description: string;
  /** Up to 3 decimals (0.25 kg). */
  quantity: number;
  /** Gross unit price before the line's discount. */
  unitPrice: number;
  /** VAT rate in percent (20, 10, 19, 7, 22 …; must exist in the receipt country's table). */
  vatRate: number;
  /** Discount on this line, gross, minor units, positive (subtracted from quantity × unitPrice). */
  discount?: number;
  /** @default 'goods' */
  kind?: 'goods' | 'service';
  productNumber?: string;
}

/** A shipping (or other service) charge, gross, minor units. */
export interface ChargeInput {
  description: string;
  amount: number;
  vatRate: number;
}

/**
 * The order as it is paid: snapshotted when the attempt starts and never rebuilt, so the signed receipt
 * shows exactly what the customer paid for, even if the platform's order changes later.
 */
export interface OrderSnapshot {
  lines: OrderLineInput[];
  shipping?: ChargeInput[];
  /** Buyer details for the POS invoice; only stored when given. */
  buyer?: { name?: string; email?: string; companyCode?: string; vatCode?: string; wantsInvoice?: boolean };
}

/** Input of {@link CheckoutService.start}. */
export interface StartAttemptInput {
  /** The merchant's order reference (cart id, order code): several attempts may share it. */
  orderRef: string;
  /**
   * Makes `start` idempotent (a Medusa payment-session id, a Vendure order code + amount): the same key
   * returns the same attempt. @default a new attempt unless a live one exists for `orderRef`
   */
  idempotencyKey?: string;
  amount: Money;
  order: OrderSnapshot;
  /** Shown in the customer's wallet app (plain text, ≤ 255 characters). */
  description: string;
  /** @default the service's `captureMode` */
  captureMode?: CaptureMode;
  /**
   * Cancel the order's live attempts under another key or amount (their reservations released) instead of
   * failing CONFLICT: the cart changed, or a new payment session replaced the old. A paid one is still CONFLICT.
   * @default false
   */
  replaceLive?: boolean;
  /** The spot to use; by default a free spot of the configured location. */
  spotId?: number;
  /** Adapter-owned strings kept with the attempt (a Vendure channel token, a Medusa session id). No secrets. */
  metadata?: Record<string, string>;
}

/** Where the receipt of an attempt stands. */
export type ReceiptStatus = 'none' | 'pending' | 'signed' | 'failed';

/** A payment attempt as every adapter sees it. */
export interface PaymentAttempt {
  /** `att_…`: the attempt's own id, separate from the order reference. */
  id: string;
  orderRef: string;
  status: AttemptStatus;
  captureMode: CaptureMode;
  amount: Money;
  /** What was confirmed (≤ amount); set once `confirmed`. */
  capturedAmount?: Money;
  /** Sum of the refunds done. */
  refundedAmount: Money;
  /** What the shopper scans: `PAYSERA*{locationId}:{identifier}`. */
  qrPayload: string;
  /** The spot's identifier (`table1`). */
  spotCode: string;
  description: string;
  createdAt: string;
  updatedAt: string;
  /** Until when the shopper can pay. */
  expiresAt: string;
  /** Why an attempt ended unpaid: a stable code and a safe message (upstream detail stays in logs). */
  failure?: { code: string; message: string };
  receipt: ReceiptStatus;
  metadata: Record<string, string>;
}

/** Input of {@link CheckoutService.refund}. */
export interface RefundInput {
  /** Makes the refund replay-safe: the same key returns the same refund. */
  idempotencyKey: string;
  /** @default the whole captured amount still not refunded */
  amount?: Money;
  reason?: string;
}

export type RefundStatus = 'pending' | 'succeeded' | 'failed';

/** One refund of a confirmed attempt. */
export interface Refund {
  id: string;
  attemptId: string;
  amount: Money;
  status: RefundStatus;
  reason?: string;
  failure?: { code: string; message: string };
  createdAt: string;
  receipt: ReceiptStatus;
}

/** Events of the durable stream, at least once, each with a stable idempotency `key`. */
export const CheckoutEventType = [
  'reserved',
  'confirmed',
  'cancelled',
  /** The attempt ended unpaid without a cancel (expired, rejected, failed); `data.status` says which. */
  'released',
  'refunded',
  'receipt.signed',
  'receipt.failed',
] as const;
export type CheckoutEventType = (typeof CheckoutEventType)[number];

export interface CheckoutEvent {
  /** Position in the stream (increasing). */
  seq: number;
  /** Stable across redeliveries: `{attemptId}:{type}` (refunds: `{refundId}:{type}`). */
  key: string;
  type: CheckoutEventType;
  attemptId: string;
  orderRef: string;
  /** Unix ms. */
  at: number;
  data: Record<string, unknown>;
}

/** The service every adapter calls. Every method may throw a `TillKitError` with a stable `code`. */
export interface CheckoutService {
  /**
   * Starts a payment attempt, or returns the existing one for the same `idempotencyKey` (or the live one
   * for `orderRef`). CONFLICT when that attempt has another amount or currency; a new attempt is allowed
   * once the previous one ended unpaid. VALIDATION_FAILED (naming the field) for bad input.
   */
  start(input: StartAttemptInput): Promise<PaymentAttempt>;
  get(attemptId: string): Promise<PaymentAttempt | undefined>;
  /** Every attempt for the order reference, oldest first. */
  attemptsFor(orderRef: string): Promise<PaymentAttempt[]>;
  /**
   * Cancels an unpaid attempt: the transaction is revoked (a reservation released) and the spot closed,
   * exactly once, by the ticker. A payment that won the race (its confirm already sent) makes this throw
   * INVALID_STATE; cancelling a cancelled attempt returns it.
   */
  cancel(attemptId: string): Promise<PaymentAttempt>;
  /**
   * Manual capture: confirms a `reserved` attempt, optionally for a lower amount. Capturing a confirmed
   * attempt again returns it (success); INVALID_STATE before the reservation or after an unpaid end.
   */
  capture(attemptId: string, amount?: Money): Promise<PaymentAttempt>;
  /**
   * Returns money of a confirmed attempt, exactly once per `idempotencyKey`, and signs one refund receipt.
   * REFUND_NOT_SUPPORTED when the Wallet API cannot return it (no refund window, or the payment settled).
   */
  refund(attemptId: string, input: RefundInput): Promise<Refund>;
  refunds(attemptId: string): Promise<Refund[]>;
  /** The sale receipt of the attempt. */
  receipt(attemptId: string): Promise<ReceiptState>;
  /** The refund receipt of a refund. */
  refundReceipt(refundId: string): Promise<ReceiptState>;
  /** Operator action: re-runs a failed receipt job under a new generation of its operation id. */
  retryReceipt(attemptId: string, refundId?: string): Promise<ReceiptState>;
  /** Enqueues the daily-closing receipt for `day` (YYYY-MM-DD) as a durable job; idempotent per day. */
  closeDay(day: string): Promise<void>;
  /**
   * A Paysera Wallet callback as it arrived (raw form body or its fields), verified with `callbacks.publicKey`
   * (SIGNATURE_INVALID if forged, VALIDATION_FAILED if malformed); then its transaction is re-read and the
   * attempt advanced at once, idempotently. Answer 200 when it resolves (undefined: not our transaction),
   * 4xx on a non-retryable error, 5xx otherwise (Paysera retries). INVALID_CONFIG without `callbacks`.
   */
  onWalletCallback(
    form: string | URLSearchParams | Readonly<Record<string, string | undefined>>,
  ): Promise<PaymentAttempt | undefined>;
  /** A random secret kept in the store, created on first use (a storefront's token key). Never logged. */
  secret(name: string): Promise<string>;
  /** Events with `seq > after`, in order (a polling consumer's read). */
  events(after: number, limit?: number): Promise<CheckoutEvent[]>;
  /**
   * Runs `handler` for every event, at least once, in order, remembering the consumer's position durably
   * under `consumer`. A handler that throws sees the event again on the next round.
   */
  subscribe(consumer: string, handler: (event: CheckoutEvent) => Promise<void>): () => void;
  /**
   * One round: the engine's scan-and-pay round, due jobs (receipts, POS sync) and event delivery. What the
   * ticker (or a platform job) calls; it does nothing unless this instance holds the ticker lease.
   */
  tick(): Promise<{ leader: boolean; live: number; jobs: number; events: number }>;
  /** Runs rounds on an adaptive timer in this process (one ticker per store holds the lease; others stand by). */
  run(): void;
  /**
   * Runs a job the ticker handed to `jobs.dispatch` (a host's job queue: Vendure's JobQueueService), in
   * whichever process the queue picks. A job whose lease was taken over meanwhile settles nothing.
   */
  runJob(job: Job): Promise<void>;
  /** Stops the ticker and waits for the round in flight. */
  stop(): Promise<void>;
}

/** A cart line as a shopper sends it: prices are never taken from the client. */
export interface CartLineInput {
  productId: string;
  quantity: number;
}

/** An order priced by the server, ready for {@link CheckoutService.start}. */
export interface PricedOrder {
  orderRef: string;
  amount: Money;
  order: OrderSnapshot;
  description: string;
  /** Passed on to the attempt (a host's channel token, its payment method). */
  metadata?: Record<string, string>;
  /** The host's capture mode for this order (a Vendure payment method's argument). */
  captureMode?: CaptureMode;
  idempotencyKey?: string;
  /** See {@link StartAttemptInput.replaceLive}. */
  replaceLive?: boolean;
}

/**
 * An attempt the host already started for the shopper's order (a Medusa cart's payment session, made with
 * the host's own workflows): the storefront contract hands it out as is instead of starting one.
 */
export interface StartedAttempt {
  attemptId: string;
}

/**
 * Where the order being paid comes from: the host platform (a Medusa cart, a Vendure active order) or the
 * demo's catalogue. The storefront contract calls it; `ctx` is the host's request context.
 */
export interface OrderSource<Ctx = unknown> {
  /**
   * Prices the shopper's cart (or, with no lines, the host's active order) into an order, or returns the
   * attempt the host started for it. VALIDATION_FAILED names the line.
   */
  priceOrder(input: { lines?: CartLineInput[] }, ctx: Ctx): Promise<PricedOrder | StartedAttempt>;
}
