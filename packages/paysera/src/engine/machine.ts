import type { Checkout, CheckoutStatus } from './types.ts';

// The pure core of scan-and-pay: given a checkout and what the poller observed, which one step comes
// next. No I/O, no clock of its own, so every rule below is tested in isolation (machine.test.ts).

const allowed: Record<CheckoutStatus, readonly CheckoutStatus[]> = {
  awaiting_scan: ['order_attached', 'reserved', 'confirmed', 'expired', 'rejected', 'failed'],
  order_attached: ['reserved', 'confirmed', 'expired', 'rejected', 'failed'],
  reserved: ['confirmed', 'rejected', 'failed'],
  confirmed: ['spot_closed'],
  spot_closed: [],
  expired: [],
  rejected: [],
  failed: [],
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

/** The one next thing to do for a checkout. */
export type Step =
  | { kind: 'create_transaction' }
  | { kind: 'attach_order' }
  | { kind: 'mark'; status: CheckoutStatus }
  | { kind: 'confirm' }
  | { kind: 'verify_confirm' }
  | { kind: 'expire' }
  | { kind: 'close_spot' }
  | { kind: 'wait' }
  | { kind: 'done' };

const rejectedStatuses = new Set(['rejected', 'revoked', 'deleted']);
const failedStatuses = new Set(['failed']);

/** Decides the next step. Pure: the same checkout and observation always give the same step. */
export function nextStep(c: Checkout, o: Observation): Step {
  switch (c.status) {
    case 'spot_closed':
      return { kind: 'done' };
    case 'expired':
    case 'rejected':
    case 'failed':
      return c.spotClosed ? { kind: 'done' } : { kind: 'close_spot' };
    case 'confirmed':
      return { kind: 'close_spot' };
    case 'reserved':
      // A confirm was sent before and its outcome is unknown (crash, dropped response): read, never resend blindly.
      // An observation may predate that confirm (taken before another worker sent it), so a `reserved` in it
      // is no reason to confirm again either.
      if (o.transactionStatus === 'confirmed') return { kind: 'mark', status: 'confirmed' };
      return (
        outcomeOf(o.transactionStatus) ??
        (c.confirmRequestedAt === undefined ? { kind: 'confirm' } : { kind: 'verify_confirm' })
      );
    case 'awaiting_scan':
    case 'order_attached': {
      if (c.transactionKey === undefined)
        return o.now >= c.expiresAt ? { kind: 'mark', status: 'expired' } : { kind: 'create_transaction' };
      if (o.transactionStatus === 'reserved') return { kind: 'mark', status: 'reserved' };
      if (o.transactionStatus === 'confirmed') return { kind: 'mark', status: 'confirmed' };
      const outcome = outcomeOf(o.transactionStatus);
      if (outcome) return outcome;
      if (o.now >= c.expiresAt) return { kind: 'expire' };
      if (c.status === 'awaiting_scan' && o.spotWaiting === true) return { kind: 'attach_order' };
      return { kind: 'wait' };
    }
  }
}

function outcomeOf(transactionStatus: string | undefined): Step | undefined {
  if (transactionStatus === undefined) return undefined;
  if (rejectedStatuses.has(transactionStatus)) return { kind: 'mark', status: 'rejected' };
  if (failedStatuses.has(transactionStatus)) return { kind: 'mark', status: 'failed' };
  return undefined;
}

/** True while the engine still has work for this checkout (including closing the spot after an unhappy end). */
export function isLive(c: Checkout): boolean {
  if (c.status === 'spot_closed') return false;
  if (c.status === 'expired' || c.status === 'rejected' || c.status === 'failed') return !c.spotClosed;
  return true;
}
