import { randomUUID } from 'node:crypto';
import { type ReceiptJournalEntry, StateFlag, toTicks } from '@tillkit/models';
import { centsToNumber } from './amounts.ts';
import type { OperationResult } from './operations.ts';
import { JSON_TYPE } from './problem.ts';
import type { ReceiptFacts } from './rules.ts';
import type { SignInputRequest } from './sign.ts';
import type { Signature } from './signatures.ts';
import type { CashBoxRecord, QueueRecord } from './storage.ts';
import type { CashBoxFaults, QueueItemRecord } from './types.ts';

// What one sign writes: the ReceiptResponse text, its queue item and its receipt-journal entry.

/** The ftState low-word flags of the queue's current modes. */
export function stateFlags(f: CashBoxFaults): bigint {
  return (
    (f.scuFailed ? StateFlag.ScuFailed : 0n) |
    (f.lateSigning ? StateFlag.LateSigning : 0n) |
    (f.messagePending ? StateFlag.MessagePending : 0n) |
    (f.dailyClosingDue ? StateFlag.DailyClosingDue : 0n) |
    (f.monthlyClosingDue ? StateFlag.MonthlyClosingDue : 0n) |
    (f.yearlyClosingDue ? StateFlag.YearlyClosingDue : 0n)
  );
}

// `ft{numerator:X}#{national}`: AT appends the RKSV receipt counter; the DE/IT samples carry `IT<n>`.
export function receiptIdentification(cashBox: CashBoxRecord, numerator: number): string {
  return cashBox.country === 'AT' ? `ft${hex(numerator)}#${numerator}` : `ft${hex(numerator)}#IT${numerator}`;
}

export function hex(n: number): string {
  return n.toString(16).toUpperCase();
}

export interface ItemFacts {
  id: string;
  row: number;
  now: Date;
  numerator: string;
}

// The ReceiptResponse in fiskaltrust's property order.
export function response(
  cashBox: CashBoxRecord,
  queue: QueueRecord,
  input: SignInputRequest,
  item: ItemFacts,
  ftSignatures: Signature[],
  ftState: bigint,
): string {
  const terminal = input.request.cbTerminalID ?? input.terminalId;
  // Hand-assembled JSON: the only bigints are ftState and the signature codes, and this runs per request.
  const signatures = ftSignatures
    .map(
      (s) =>
        `{"ftSignatureFormat":${s.ftSignatureFormat},"ftSignatureType":${s.ftSignatureType},"Caption":${JSON.stringify(s.Caption)},"Data":${JSON.stringify(s.Data)}}`,
    )
    .join(',');
  return (
    `{"ftCashBoxID":${JSON.stringify(cashBox.cashBoxId)},"ftQueueID":"${queue.queueId}","ftQueueItemID":"${item.id}","ftQueueRow":${item.row},` +
    (terminal === undefined ? '' : `"cbTerminalID":${JSON.stringify(terminal)},`) +
    `"cbReceiptReference":${JSON.stringify(input.request.cbReceiptReference)},"ftCashBoxIdentification":${JSON.stringify(cashBox.cashBoxIdentification)},` +
    `"ftReceiptIdentification":${JSON.stringify(item.numerator)},"ftReceiptMoment":"${item.now.toISOString()}","ftSignatures":[${signatures}],"ftState":${ftState}}`
  );
}

export function ok(body: string): OperationResult {
  return { status: 200, contentType: JSON_TYPE, body };
}

export function queueItem(
  cashBox: CashBoxRecord,
  queue: QueueRecord,
  input: SignInputRequest,
  item: ItemFacts,
  response: string,
): QueueItemRecord {
  const moment = item.now.toISOString();
  const terminal = input.request.cbTerminalID ?? input.terminalId;
  return {
    ftQueueItemId: item.id,
    ftQueueId: queue.queueId,
    ftQueueRow: queue.row,
    ftQueueMoment: moment,
    ftWorkMoment: moment,
    ftDoneMoment: moment,
    cbReceiptMoment: input.request.cbReceiptMoment,
    ...(terminal === undefined ? {} : { cbTerminalID: terminal }),
    cbReceiptReference: input.request.cbReceiptReference,
    country: cashBox.country,
    version: 'v2',
    request: input.raw,
    response,
    TimeStamp: toTicks(item.now),
  };
}

export function receiptEntry(
  queue: QueueRecord,
  facts: ReceiptFacts,
  item: ItemFacts,
  reference: string,
): ReceiptJournalEntry {
  return {
    ftReceiptJournalId: randomUUID(),
    ftQueueId: queue.queueId,
    ftQueueItemId: item.id,
    ftReceiptNumber: queue.receiptNumerator,
    ftReceiptMoment: item.now.toISOString(),
    ftReceiptTotal: centsToNumber(facts.chargeCents),
    ftReceiptHash: queue.chain,
    cbReceiptReference: reference,
    TimeStamp: toTicks(item.now),
  };
}
