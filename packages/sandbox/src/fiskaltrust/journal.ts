import { createHash } from 'node:crypto';
import { caseOf, type JournalRequest, JournalType, stringifyJsonLossless, VERSION_2 } from '@tillkit/models';
import type { SandboxResponse } from '../contract.ts';
import { AT_RKSV_DEP, depExport } from './dep-export.ts';
import { jsonText, problem } from './problem.ts';
import type { CashBoxRecord, FiskaltrustStorage } from './storage.ts';

// `POST /v2/journal {ftJournalType, From, To}`: the common journals as JSON arrays filtered by .NET
// ticks. To = 0 means "everything from From on", To < 0 means "the first −To entries from From"
// (the v2 engine's JournalProcessor), otherwise the closed range [From, To].

const ZIP_FLAG = 0x0001_0000n;

/** Answers one journal request for the CashBox's queue. */
export function readJournal(
  storage: FiskaltrustStorage,
  cashBox: CashBoxRecord,
  request: JournalRequest,
): SandboxResponse {
  const type = request.ftJournalType;
  if ((type & ZIP_FLAG) !== 0n)
    return problem(400, 'ZIP journals are not available in the sandbox; request the plain JSON journal.');
  if (type === AT_RKSV_DEP && cashBox.country === 'AT') {
    const items = selectByTicks(storage.queueItems(cashBox.queueId), request.From, request.To);
    return jsonText(200, depExport(items));
  }
  // Any other country prefix without the v2 nibble is a legacy market export (DSFinV-K, TSE TAR…).
  if (type >> 48n !== 0n && (type & VERSION_2) === 0n) {
    return problem(
      400,
      `Market journal 0x${type.toString(16).toUpperCase()} is not available in the sandbox.`,
    );
  }
  const queueId = cashBox.queueId;
  switch (caseOf(type)) {
    case JournalType.VersionInfo:
      return jsonText(
        200,
        JSON.stringify({ Version: '2.0', Product: 'TillKit fiskaltrust sandbox', Country: cashBox.country }),
      );
    case JournalType.ActionJournal:
      return journalArray(storage.actionJournal(queueId), request);
    case JournalType.ReceiptJournal:
      return journalArray(storage.receiptJournal(queueId), request);
    case JournalType.QueueItem:
      return journalArray(
        storage.queueItems(queueId).map((item) => ({
          ...item,
          requestHash: sha256(item.request),
          responseHash: sha256(item.response),
        })),
        request,
      );
    case JournalType.Configuration:
      return jsonText(
        200,
        JSON.stringify({
          ftCashBoxId: cashBox.cashBoxId,
          ftQueueId: queueId,
          Country: cashBox.country,
          ftCashBoxIdentification: cashBox.cashBoxIdentification,
        }),
      );
    default:
      return problem(400, `The journal type 0x${type.toString(16).toUpperCase()} is not supported.`);
  }
}

/** Entries whose TimeStamp falls in the request's tick window, in insertion order. */
export function selectByTicks<T extends { TimeStamp: bigint | number }>(
  entries: T[],
  from: bigint,
  to: bigint,
): T[] {
  const after = entries.filter((e) => BigInt(e.TimeStamp) >= from);
  if (to === 0n) return after;
  if (to < 0n) return after.slice(0, Number(-to));
  return after.filter((e) => BigInt(e.TimeStamp) <= to);
}

function journalArray<T extends { TimeStamp: bigint | number }>(
  entries: T[],
  request: JournalRequest,
): SandboxResponse {
  return jsonText(200, stringifyJsonLossless(selectByTicks(entries, request.From, request.To)));
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64');
}
