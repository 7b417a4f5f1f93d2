import type { CreateTransactionInput, Spot, SpotOrder, Transaction } from '@tillkit/models';

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
  /** `prices` (payment id → a lower price) confirms for less than was reserved. */
  confirmTransaction(
    transactionKey: string,
    scope?: TransactionScope,
    prices?: Readonly<Record<string, { price: number; currency: string }>>,
  ): Promise<Transaction>;
  revokeTransaction(transactionKey: string): Promise<Transaction>;
  closeSpot(spotId: number): Promise<void>;
}
