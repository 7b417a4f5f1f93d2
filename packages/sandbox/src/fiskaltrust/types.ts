import type { ActionJournalEntry, OperationItem, ReceiptJournalEntry } from '@tillkit/models';
import type { Emulator } from '../contract.ts';

/** Markets the emulator can run a queue for. */
export type FiskaltrustCountry = 'AT' | 'DE' | 'IT';

/** Options of {@link createFiskaltrustEmulator}. */
export interface FiskaltrustEmulatorOptions {
  /**
   * What a request with the operation id of a still-running operation gets: `422` answers 422
   * ProblemDetails at once, as the vendor's local server does and the seed says; `block` waits for the
   * first one and returns its result (the API 2.1 docs).
   * @default '422'
   */
  inFlightDuplicates?: 'block' | '422';
  /**
   * Append the `S A N D B O X` signature (Data = ftQueueID) to every signed receipt, as the real sandbox does.
   * @default true
   */
  sandboxSignature?: boolean;
}

/** Input of {@link FiskaltrustEmulator.createCashBox}. Omitted ids and tokens are generated. */
export interface CreateCashBoxInput {
  cashBoxId?: string;
  accessToken?: string;
  country: FiskaltrustCountry;
  /** Start the queue right away, as if its start receipt (0x…4001) had been signed. @default false */
  started?: boolean;
  /** When set, a request's `x-possystem-id` header and body `ftPosSystemId` must match it. */
  posSystemId?: string;
}

/** The credentials and identities of a CashBox (what `/v2/pair` hands out, plus the queue). */
export interface CashBoxCredentials {
  cashBoxId: string;
  accessToken: string;
  queueId: string;
  country: FiskaltrustCountry;
  /** The human-readable register id printed on receipts (`ftCashBoxIdentification`). */
  cashBoxIdentification: string;
  /** The PIN that `POST /v2/pair` exchanges for these credentials. */
  pin: string;
}

/**
 * Fault and mode switches of a CashBox queue. Flags show in every following ReceiptResponse's ftState;
 * a zero receipt (0x…2000) clears `scuFailed` and `lateSigning`, closings clear the matching `…ClosingDue`.
 */
export interface CashBoxFaults {
  /** SCU temporarily out of service: ftState flag 0x2; AT signatures read "Sicherheitseinrichtung ausgefallen". */
  scuFailed: boolean;
  /** Late-signing mode: ftState flag 0x8 (also entered by a request carrying case flag 0x0001_0000). */
  lateSigning: boolean;
  /** ftState flag 0x40. */
  messagePending: boolean;
  /** ftState flag 0x100. */
  dailyClosingDue: boolean;
  /** ftState flag 0x200. */
  monthlyClosingDue: boolean;
  /** ftState flag 0x400. */
  yearlyClosingDue: boolean;
  /** Every sign answers the fail state (low word FFFF_FFFF) and persists nothing. */
  failReceipts: boolean;
  /** Milliseconds each echo/sign operation stays in flight before it runs (exercises timeouts and in-flight duplicates). */
  processingDelayMs: number;
}

/** A queue's lifecycle and counters, as the control API reports them. */
export interface QueueSnapshot {
  queueId: string;
  started: boolean;
  stopped: boolean;
  /** Last ftQueueRow handed out (every sign request gets one). */
  row: number;
  /** Last receipt numerator used (only signed receipts use one; `ft{numerator:X}#`). */
  receiptNumerator: number;
  /** Turnover counter in cents (AT RKSV "Umsatzzähler"). */
  turnoverCents: number;
  faults: CashBoxFaults;
}

/** A stored queue item (journal type 3): one per sign request, with the raw request and response. */
export interface QueueItemRecord {
  ftQueueItemId: string;
  ftQueueId: string;
  ftQueueRow: number;
  ftQueueMoment: string;
  ftWorkMoment: string;
  ftDoneMoment: string;
  cbReceiptMoment: string;
  cbTerminalID?: string;
  cbReceiptReference: string;
  country: FiskaltrustCountry;
  version: 'v2';
  request: string;
  response: string;
  TimeStamp: bigint;
}

/** Everything a CashBox's queue has recorded, for inspection in tests and the control API. */
export interface FiskaltrustJournal {
  queue: QueueSnapshot;
  receipts: ReceiptJournalEntry[];
  actions: ActionJournalEntry[];
  queueItems: QueueItemRecord[];
  operations: OperationItem[];
}

/** The fiskaltrust POS System API v2 emulator (prefix `/v2`) plus its control methods. */
export interface FiskaltrustEmulator extends Emulator {
  /** Creates a CashBox with its queue, or returns the existing one with that id (updating its token when given). */
  createCashBox(input: CreateCashBoxInput): CashBoxCredentials;
  /** Changes fault switches of a CashBox's queue; returns the resulting switches. Throws NOT_FOUND for an unknown CashBox. */
  setState(cashBoxId: string, faults: Partial<CashBoxFaults>): CashBoxFaults;
  /** The PIN that `POST /v2/pair` accepts for this CashBox. Throws NOT_FOUND for an unknown CashBox. */
  pairingPin(cashBoxId: string): string;
  /** The CashBox's journals (receipts, actions, queue items, operations). Throws NOT_FOUND for an unknown CashBox. */
  journal(cashBoxId: string): FiskaltrustJournal;
}
