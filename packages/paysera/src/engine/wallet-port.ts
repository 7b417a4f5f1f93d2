import type {
  CreateTransactionInput,
  Money,
  Spot,
  SpotOrder,
  Transaction,
  WalletPayment,
} from '@tillkit/models';

/** Ext parameters a transaction is created under (signed into the MAC `ext`). */
export interface TransactionScope {
  locationId?: number;
  projectId?: number;
}

/**
 * The Wallet API calls the engine needs. `WalletClient` implements it; tests and benchmarks may pass
 * anything with the same shape. Every method is one HTTP request.
 */
export interface WalletPort {
  /** Waiting spots of many locations in one request. */
  listWaitingSpots(locationIds: readonly number[]): Promise<Spot[]>;
  /** One spot (its identifier makes the QR). */
  getSpot(spotId: number): Promise<Spot>;
  /** All spots of one location (to pick a free one). */
  listLocationSpots(locationId: number): Promise<Spot[]>;
  /**
   * Transactions in the given statuses (comma-separated, e.g. `reserved,rejected`); the engine asks once per
   * round for all live checkouts. `from` (unix seconds) leaves out transactions created before it.
   */
  listTransactions(query: {
    status: string;
    limit?: number;
    offset?: number;
    from?: number;
  }): Promise<{ transactions: Transaction[]; total: number }>;
  getTransaction(transactionKey: string): Promise<Transaction>;
  createTransaction(input: CreateTransactionInput, scope?: TransactionScope): Promise<Transaction>;
  attachOrder(spotId: number, transactionKey: string): Promise<SpotOrder>;
  /**
   * Captures a reserved transaction, exactly once (never retried: a repeat meets 409). `prices` lowers
   * payments, keyed by payment id, in minor units: `{ "2987": { price: 1999, currency: "EUR" } }`.
   */
  confirmTransaction(
    transactionKey: string,
    scope?: TransactionScope,
    prices?: Readonly<Record<string, { price: number; currency: string }>>,
  ): Promise<Transaction>;
  /** Revokes an unconfirmed transaction; a reservation is released to the payer. */
  revokeTransaction(transactionKey: string): Promise<Transaction>;
  /** `DELETE /payment/{id}`: full refund of a confirmed (still frozen) payment → `canceled`. Never retried. */
  cancelPayment(paymentId: number): Promise<WalletPayment>;
  /**
   * `PUT /payment/{id}/finalize`: settles a confirmed payment now (→ `done`), optionally at a lower price
   * (the difference goes back to the payer; a higher one is refused). Never retried.
   */
  finalizePayment(paymentId: number, price?: Money): Promise<WalletPayment>;
  closeSpot(spotId: number): Promise<void>;
}
