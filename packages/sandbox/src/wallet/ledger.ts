import type { EmulatorContext } from '../contract.ts';

// The sandbox's own book of what happened to the money of each transaction, so tests (and the chaos run)
// can assert "exactly once" from the sandbox's state rather than from what a client believes it did.
// Amounts are minor units in the transaction's currency.

/** What happened to one payment after its transaction was confirmed. */
export interface PaymentLedger {
  /** `DELETE /payment/{id}` calls that took effect (a full refund each; at most 1). */
  cancels: number;
  /** `PUT /payment/{id}/finalize` calls that took effect (at most 1). */
  finalizes: number;
  /** Money returned to the payer after confirm (cancel, or finalize at a lower price). */
  refunded: number;
}

/** The money record of one transaction. */
export interface TransactionLedger {
  transactionKey: string;
  currency: string;
  /** Confirms that took effect (merchant's `PUT …/confirm` or auto-confirm); never more than 1. */
  confirms: number;
  /** Confirm calls refused (wrong state, bad prices): they charged nothing. */
  refusedConfirms: number;
  /** Revokes that took effect (at most 1). */
  revokes: number;
  /** Reserved money released to the payer before it was captured: a revoke, or a confirm at a lower price. */
  released: number;
  /** Money the merchant got at confirm (before refunds). */
  captured: number;
  /** Money returned to the payer after confirm, over all payments. */
  refunded: number;
  payments: Record<string, PaymentLedger>;
}

/** Totals over every transaction. */
export interface WalletLedger {
  confirms: number;
  refusedConfirms: number;
  revokes: number;
  paymentCancels: number;
  finalizes: number;
  /** Per currency, minor units. */
  amounts: Record<string, { captured: number; released: number; refunded: number }>;
  transactions: TransactionLedger[];
}

const LEDGER = 'wallet.ledger';

/** Reads, changes and stores one transaction's ledger entry (created on first use). */
export function bookTransaction(
  ctx: EmulatorContext,
  key: string,
  currency: string,
  change: (entry: TransactionLedger) => void,
): void {
  const entry = ctx.store.get<TransactionLedger>(LEDGER, key) ?? {
    transactionKey: key,
    currency,
    confirms: 0,
    refusedConfirms: 0,
    revokes: 0,
    released: 0,
    captured: 0,
    refunded: 0,
    payments: {},
  };
  change(entry);
  ctx.store.put(LEDGER, key, entry);
}

/** The payment's entry inside a transaction entry (created on first use). */
export function paymentEntry(entry: TransactionLedger, paymentId: number): PaymentLedger {
  const id = String(paymentId);
  const existing = entry.payments[id];
  if (existing !== undefined) return existing;
  const created: PaymentLedger = { cancels: 0, finalizes: 0, refunded: 0 };
  entry.payments[id] = created;
  return created;
}

export function transactionLedger(ctx: EmulatorContext, key: string): TransactionLedger | undefined {
  return ctx.store.get<TransactionLedger>(LEDGER, key);
}

export function walletLedger(ctx: EmulatorContext): WalletLedger {
  const transactions = ctx.store.list<TransactionLedger>(LEDGER);
  const totals: WalletLedger = {
    confirms: 0,
    refusedConfirms: 0,
    revokes: 0,
    paymentCancels: 0,
    finalizes: 0,
    amounts: {},
    transactions,
  };
  for (const t of transactions) {
    totals.confirms += t.confirms;
    totals.refusedConfirms += t.refusedConfirms;
    totals.revokes += t.revokes;
    const amounts = totals.amounts[t.currency] ?? { captured: 0, released: 0, refunded: 0 };
    amounts.captured += t.captured;
    amounts.released += t.released;
    amounts.refunded += t.refunded;
    totals.amounts[t.currency] = amounts;
    for (const p of Object.values(t.payments)) {
      totals.paymentCancels += p.cancels;
      totals.finalizes += p.finalizes;
    }
  }
  return totals;
}
