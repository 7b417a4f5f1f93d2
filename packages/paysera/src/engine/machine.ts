import { type Checkout, type CheckoutStatus, unpaidStatuses } from './types.ts';

// The pure core of scan-and-pay: given a checkout and what the poller observed, which one step comes
// next. No I/O, no clock of its own, so every rule below is tested in isolation (machine.test.ts).

const unpaidEnds = ['expired', 'rejected', 'failed', 'cancelled'] as const;
const allowed: Record<CheckoutStatus, readonly CheckoutStatus[]> = {
  awaiting_scan: ['order_attached', 'reserved', 'confirmed', ...unpaidEnds],
  order_attached: ['reserved', 'confirmed', ...unpaidEnds],
  reserved: ['confirmed', ...unpaidEnds],
  confirmed: ['spot_closed'],
  spot_closed: [],
  // An unpaid end moves on only when the Wallet says the money was taken after all (the truth wins, so a
  // confirmed payment always gets its receipt): never by the engine's own decision.
  expired: ['confirmed'],
  rejected: ['confirmed'],
  failed: ['confirmed'],
  cancelled: ['confirmed'],
};

/** True if a checkout may move from `from` to `to`. */
export function canTransition(from: CheckoutStatus, to: CheckoutStatus): boolean {
  return allowed[from].includes(to);
}

/** What the poller knows about a checkout right now. */
export interface Observation {
  now: number;
  /** The checkout's spot was in the latest `spots?status=waiting` answer. */
  spotWaiting?: boolean;
  /** The transaction's status from a list or a GET, when known. */
  transactionStatus?: string;
}

/** Engine limits the machine decides by. */
export interface MachineLimits {
  /** A manual-capture reservation not captured by `reservedAt + this` is released. */
  authorizationTtlMs: number;
  /** How long after a create request an unanswered create may still land upstream. */
  createSettleMs: number;
}

export const defaultLimits: MachineLimits = {
  authorizationTtlMs: 7 * 24 * 3_600_000,
  createSettleMs: 30_000,
};

/** The one next thing to do for a checkout. */
export type Step =
  | { kind: 'create_transaction' }
  | { kind: 'find_transaction' }
  | { kind: 'attach_order' }
  | { kind: 'mark'; status: CheckoutStatus; released?: boolean }
  | { kind: 'confirm' }
  | { kind: 'verify_confirm' }
  | { kind: 'expire' }
  | { kind: 'revoke'; status: 'cancelled' | 'expired' | 'failed' }
  | { kind: 'release' }
  | { kind: 'close_spot' }
  | { kind: 'wait' }
  | { kind: 'done' };

const rejectedStatuses = new Set(['rejected', 'revoked', 'deleted']);
const failedStatuses = new Set(['failed']);

/** Decides the next step. Pure: the same checkout and observation always give the same step. */
export function nextStep(c: Checkout, o: Observation, limits: MachineLimits = defaultLimits): Step {
  switch (c.status) {
    case 'spot_closed':
      return { kind: 'done' };
    case 'expired':
    case 'rejected':
    case 'failed':
    case 'cancelled':
      return unpaidEnd(c, o, limits);
    case 'confirmed':
      return { kind: 'close_spot' };
    case 'reserved': {
      // A confirm was sent before and its outcome is unknown (crash, dropped response): read, never resend blindly.
      // An observation may predate that confirm (taken before another worker sent it), so a `reserved` in it
      // is no reason to confirm again either.
      if (o.transactionStatus === 'confirmed') return { kind: 'mark', status: 'confirmed' };
      const outcome = outcomeOf(o.transactionStatus);
      if (outcome) return outcome;
      if (c.confirmRequestedAt !== undefined) return { kind: 'verify_confirm' };
      // The cancel was recorded before any confirm: it won, so the reservation is released, never taken.
      if (c.cancelRequestedAt !== undefined) return { kind: 'revoke', status: 'cancelled' };
      if (c.captureMode !== 'manual' || c.captureRequested !== undefined) return { kind: 'confirm' };
      if (o.now >= (c.reservedAt ?? c.updatedAt) + limits.authorizationTtlMs)
        return { kind: 'revoke', status: 'expired' };
      return { kind: 'wait' };
    }
    case 'awaiting_scan':
    case 'order_attached': {
      if (c.transactionKey === undefined) {
        if (c.cancelRequestedAt !== undefined) return { kind: 'mark', status: 'cancelled' };
        return o.now >= c.expiresAt ? { kind: 'mark', status: 'expired' } : { kind: 'create_transaction' };
      }
      if (o.transactionStatus === 'reserved') return { kind: 'mark', status: 'reserved' };
      if (o.transactionStatus === 'confirmed') return { kind: 'mark', status: 'confirmed' };
      const outcome = outcomeOf(o.transactionStatus);
      if (outcome) return outcome;
      if (c.cancelRequestedAt !== undefined) return { kind: 'revoke', status: 'cancelled' };
      if (o.now >= c.expiresAt) return { kind: 'expire' };
      if (c.status === 'awaiting_scan' && o.spotWaiting === true) return { kind: 'attach_order' };
      return { kind: 'wait' };
    }
  }
}

/** An unpaid end: make sure the transaction holds nothing (revoke, or find a lost one), then close the spot. */
function unpaidEnd(c: Checkout, o: Observation, limits: MachineLimits): Step {
  if (o.transactionStatus === 'confirmed') return { kind: 'mark', status: 'confirmed' };
  if (!c.released) {
    if (c.transactionKey !== undefined) return { kind: 'release' };
    // A create was sent and never answered: it may have landed. Look for it until it cannot land any more.
    if (c.createRequestedAt !== undefined) {
      return o.now >= c.createRequestedAt + limits.createSettleMs
        ? { kind: 'find_transaction' }
        : { kind: 'wait' };
    }
  }
  return c.spotClosed ? { kind: 'done' } : { kind: 'close_spot' };
}

function outcomeOf(transactionStatus: string | undefined): Step | undefined {
  if (transactionStatus === undefined) return undefined;
  if (rejectedStatuses.has(transactionStatus)) return { kind: 'mark', status: 'rejected', released: true };
  if (failedStatuses.has(transactionStatus)) return { kind: 'mark', status: 'failed', released: true };
  return undefined;
}

/** True while the engine still has work for this checkout (releasing money, closing the spot). */
export function isLive(c: Checkout): boolean {
  if (c.status === 'spot_closed') return false;
  if (unpaidStatuses.has(c.status)) return !c.spotClosed || (!c.released && hasTransaction(c));
  return true;
}

const hasTransaction = (c: Checkout) => c.transactionKey !== undefined || c.createRequestedAt !== undefined;
