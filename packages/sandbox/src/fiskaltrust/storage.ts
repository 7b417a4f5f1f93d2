import type { ActionJournalEntry, OperationItem, ReceiptJournalEntry } from '@tillkit/models';
import type { SandboxStore } from '../contract.ts';
import type { CashBoxFaults, FiskaltrustCountry, QueueItemRecord } from './types.ts';

// Everything the emulator keeps lives in the SandboxStore (so a SQLite-backed sandbox survives a
// restart). Records are replaced, never mutated in place: the in-memory store keeps values by
// reference and rolls a failed transaction back to the previous reference.

/** A CashBox: credentials, its one queue, and its market. */
export interface CashBoxRecord {
  cashBoxId: string;
  accessToken: string;
  queueId: string;
  country: FiskaltrustCountry;
  posSystemId?: string;
  cashBoxIdentification: string;
  pin: string;
}

/** A queue's lifecycle, counters, hash chain and fault switches. */
export interface QueueRecord {
  queueId: string;
  cashBoxId: string;
  started: boolean;
  stopped: boolean;
  row: number;
  receiptNumerator: number;
  turnoverCents: number;
  /** Base64 of the last receipt's HMAC: chains both the country signature and the receipt journal. */
  chain: string;
  faults: CashBoxFaults;
}

/** One idempotent operation of one CashBox. */
export interface OperationRecord {
  cashBoxId: string;
  /** Content type of the stored response (JSON or ProblemDetails), replayed with it. */
  contentType: string;
  item: OperationItem;
}

export const DEFAULT_FAULTS: CashBoxFaults = {
  scuFailed: false,
  lateSigning: false,
  messagePending: false,
  dailyClosingDue: false,
  monthlyClosingDue: false,
  yearlyClosingDue: false,
  failReceipts: false,
  processingDelayMs: 0,
};

const C = {
  cashBoxes: 'fiskaltrust.cashboxes',
  pins: 'fiskaltrust.pins',
  queues: 'fiskaltrust.queues',
  operations: 'fiskaltrust.operations',
  queueItems: 'fiskaltrust.queue-items',
  receiptJournal: 'fiskaltrust.receipt-journal',
  actionJournal: 'fiskaltrust.action-journal',
  receiptReferences: 'fiskaltrust.receipt-references',
} as const;

/** Typed access to the emulator's collections. GUID keys are lower-cased (GUIDs compare case-insensitively). */
export class FiskaltrustStorage {
  readonly store: SandboxStore;

  constructor(store: SandboxStore) {
    this.store = store;
  }

  cashBox(cashBoxId: string): CashBoxRecord | undefined {
    return this.store.get<CashBoxRecord>(C.cashBoxes, cashBoxId.toLowerCase());
  }

  putCashBox(record: CashBoxRecord): void {
    this.store.put(C.cashBoxes, record.cashBoxId.toLowerCase(), record);
    this.store.put(C.pins, record.pin, record.cashBoxId);
  }

  cashBoxIdForPin(pin: string): string | undefined {
    return this.store.get<string>(C.pins, pin);
  }

  queue(queueId: string): QueueRecord | undefined {
    const queue = this.store.get<QueueRecord>(C.queues, queueId.toLowerCase());
    // Faults added in later versions get their defaults when an older file is loaded.
    return queue === undefined ? undefined : { ...queue, faults: { ...DEFAULT_FAULTS, ...queue.faults } };
  }

  putQueue(queue: QueueRecord): void {
    this.store.put(C.queues, queue.queueId.toLowerCase(), queue);
  }

  operation(cashBoxId: string, operationId: string): OperationRecord | undefined {
    return this.store.get<OperationRecord>(C.operations, operationKey(cashBoxId, operationId));
  }

  putOperation(record: OperationRecord): void {
    this.store.put(C.operations, operationKey(record.cashBoxId, record.item.cbOperationItemID), record);
  }

  operations(cashBoxId: string): OperationItem[] {
    const id = cashBoxId.toLowerCase();
    return this.store
      .list<OperationRecord>(C.operations)
      .filter((o) => o.cashBoxId.toLowerCase() === id)
      .map((o) => o.item);
  }

  putQueueItem(item: QueueItemRecord): void {
    this.store.put(C.queueItems, item.ftQueueItemId, item);
    this.store.put(
      C.receiptReferences,
      referenceKey(item.ftQueueId, item.cbReceiptReference),
      item.ftQueueItemId,
    );
  }

  /** The last queue item signed for this cbReceiptReference on this queue. */
  queueItemByReference(queueId: string, reference: string): QueueItemRecord | undefined {
    const id = this.store.get<string>(C.receiptReferences, referenceKey(queueId, reference));
    return id === undefined ? undefined : this.store.get<QueueItemRecord>(C.queueItems, id);
  }

  queueItems(queueId: string): QueueItemRecord[] {
    return byQueue(this.store.list<QueueItemRecord>(C.queueItems), queueId, (i) => i.ftQueueId);
  }

  putReceiptJournal(entry: ReceiptJournalEntry): void {
    this.store.put(C.receiptJournal, entry.ftReceiptJournalId, entry);
  }

  receiptJournal(queueId: string): ReceiptJournalEntry[] {
    return byQueue(this.store.list<ReceiptJournalEntry>(C.receiptJournal), queueId, (e) => e.ftQueueId);
  }

  putActionJournal(entry: ActionJournalEntry): void {
    this.store.put(C.actionJournal, entry.ftActionJournalId, entry);
  }

  actionJournal(queueId: string): ActionJournalEntry[] {
    return byQueue(this.store.list<ActionJournalEntry>(C.actionJournal), queueId, (e) => e.ftQueueId);
  }
}

/** The key of one CashBox's operation (both GUIDs compare case-insensitively). */
export function operationKey(cashBoxId: string, operationId: string): string {
  return `${cashBoxId.toLowerCase()}/${operationId.toLowerCase()}`;
}

function referenceKey(queueId: string, reference: string): string {
  return `${queueId.toLowerCase()}/${reference}`;
}

function byQueue<T>(items: T[], queueId: string, queueOf: (item: T) => string): T[] {
  const id = queueId.toLowerCase();
  return items.filter((i) => queueOf(i).toLowerCase() === id);
}
