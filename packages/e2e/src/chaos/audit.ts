import type { CheckoutService } from '@tillkit/checkout';
import type { Transaction } from '@tillkit/models';
import type { Sandbox } from '@tillkit/sandbox';
import { isFinal } from './shopper.ts';

// What the run left behind, counted from the sandbox's own state (its transactions, its money ledger, its
// spots and its fiskaltrust journal) rather than from what the workers believe they did. Only `stuck`
// reads the service, because "not in a final state" is a statement about our attempts.

export interface Audit {
  /** Transactions confirmed more than once, plus attempts with more than one confirmed transaction. */
  doubleConfirms: number;
  /** Attempt references with more than one signed sale receipt in the journal. */
  doubleSigns: number;
  /** Transactions still `reserved`: the customer's money held, neither taken nor released. */
  heldReservations: number;
  /** Spots still `waiting`/`active` with an open order. */
  openSpots: number;
  /** Attempts neither confirmed with a signed receipt nor ended unpaid (or never started). */
  stuck: number;
  /** Confirmed transactions whose attempt has no signed receipt. */
  lostReceipts: number;
}

// The sandbox store's own collections (packages/sandbox/src/wallet/records.ts); read-only here.
interface TransactionRecord {
  tx: Transaction;
}
interface SpotRecord {
  id: number;
  status: 'free' | 'waiting' | 'active';
  orderId: number | null;
}
interface OrderRecord {
  id: number;
  closed: boolean;
}

const attemptOf = (tx: Transaction) => {
  const id = tx.payments?.[0]?.parameters?.['checkoutid'];
  return typeof id === 'string' ? id : undefined;
};

/** The sandbox-side counts (everything but `stuck`). */
export function auditSandbox(sandbox: Sandbox): Omit<Audit, 'stuck'> {
  const transactions = sandbox.store.list<TransactionRecord>('wallet.transactions').map((r) => r.tx);
  const ledger = sandbox.control.walletLedger.totals().transactions;
  const confirmedPerAttempt = new Map<string, number>();
  for (const tx of transactions) {
    const id = attemptOf(tx);
    if (tx.status === 'confirmed' && id) confirmedPerAttempt.set(id, (confirmedPerAttempt.get(id) ?? 0) + 1);
  }
  const receipts = sandbox.control.fiskaltrust.journal(sandbox.credentials.fiskaltrust.cashBoxId).receipts;
  const signed = new Map<string, number>();
  for (const { cbReceiptReference: ref } of receipts) if (ref) signed.set(ref, (signed.get(ref) ?? 0) + 1);
  const orders = new Map(sandbox.store.list<OrderRecord>('wallet.orders').map((o) => [o.id, o]));
  const openOrder = (s: SpotRecord) => s.orderId !== null && orders.get(s.orderId)?.closed === false;
  return {
    doubleConfirms:
      ledger.filter((t) => t.confirms > 1).length +
      [...confirmedPerAttempt.values()].filter((n) => n > 1).length,
    doubleSigns: [...signed.values()].filter((n) => n > 1).length,
    heldReservations: transactions.filter((tx) => tx.status === 'reserved').length,
    openSpots: sandbox.store
      .list<SpotRecord>('wallet.spots')
      .filter((s) => s.status !== 'free' && openOrder(s)).length,
    lostReceipts: [...confirmedPerAttempt.keys()].filter((id) => !signed.has(id)).length,
  };
}

/** Attempts not in a final state, read through the service. */
export async function countStuck(web: CheckoutService, attemptIds: readonly (string | undefined)[]) {
  let stuck = 0;
  for (const id of attemptIds) if (id === undefined || !isFinal(await web.get(id))) stuck++;
  return stuck;
}

/** How the attempts ended (`confirmed`, `cancelled`, `expired` …; `missing` if it never started). */
export async function outcomes(web: CheckoutService, attemptIds: readonly (string | undefined)[]) {
  const out: Record<string, number> = {};
  for (const id of attemptIds) {
    const a = id === undefined ? undefined : await web.get(id);
    const key = a === undefined ? 'missing' : a.status === 'confirmed' ? `confirmed+${a.receipt}` : a.status;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

/** True when the sandbox shows nothing left to settle (used to wait for the system to quiesce). */
export function quiet(a: Omit<Audit, 'stuck'>): boolean {
  return a.heldReservations === 0 && a.openSpots === 0 && a.lostReceipts === 0;
}
