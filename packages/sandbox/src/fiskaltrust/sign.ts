import { randomUUID } from 'node:crypto';
import {
  caseOf,
  hasFlag,
  ReceiptCase,
  ReceiptCaseFlag,
  type ReceiptRequest,
  STATE_ERROR,
  STATE_FAIL,
  StateFlag,
} from '@tillkit/models';
import { actionEntry } from './journal-entries.ts';
import type { OperationResult } from './operations.ts';
import {
  hex,
  type ItemFacts,
  ok,
  queueItem,
  receiptEntry,
  receiptIdentification,
  response,
  stateFlags,
} from './receipt-records.ts';
import { checkReceipt, type RuleError } from './rules.ts';
import {
  countrySignatures,
  errorSignatures,
  prefixOf,
  type SignatureKeys,
  sandboxSignature,
} from './signatures.ts';
import type { CashBoxRecord, FiskaltrustStorage, QueueRecord } from './storage.ts';

// The queue: one per CashBox, driven by the receipt case (spec §6.4). Everything a sign changes (queue
// counters, queue item, receipt journal, action journal) is written inside the operation's transaction.

/** What signing needs besides the request. */
export interface SignDeps {
  storage: FiskaltrustStorage;
  keys: SignatureKeys;
  now: () => Date;
  sandboxSignature: boolean;
}

/** A validated sign request with its raw text (stored in the queue item). */
export interface SignInputRequest {
  request: ReceiptRequest;
  raw: string;
  terminalId: string | undefined;
}

/** Signs (or refuses) one receipt on the CashBox's queue and returns the ReceiptResponse text. */
export function signReceipt(
  deps: SignDeps,
  cashBox: CashBoxRecord,
  input: SignInputRequest,
): OperationResult {
  const queue = deps.storage.queue(cashBox.queueId);
  if (queue === undefined)
    throw new Error(`Queue ${cashBox.queueId} of CashBox ${cashBox.cashBoxId} is missing`);
  const { request } = input;
  const now = deps.now();

  if (queue.faults.failReceipts) {
    // The fail state means "nothing persisted": no row, no queue item, no journal.
    const error: RuleError = {
      code: 'Fail',
      message: 'The queue failed to process the receipt (sandbox fault injection).',
    };
    const item = {
      id: randomUUID(),
      row: queue.row + 1,
      now,
      numerator: `ft${hex(queue.receiptNumerator)}#`,
    };
    return ok(
      response(
        cashBox,
        queue,
        input,
        item,
        errorSignatures(cashBox.country, [error], 'FAILURE'),
        prefixOf(cashBox.country) | STATE_FAIL,
      ),
    );
  }

  if (hasFlag(request.ftReceiptCase, ReceiptCaseFlag.ReturnStoredResponse)) {
    const stored = deps.storage.queueItemByReference(queue.queueId, request.cbReceiptReference);
    if (stored !== undefined) return ok(stored.response);
  }

  const facts = checkReceipt(request, cashBox.country);
  const kind = caseOf(facts.receiptCase);
  const next: QueueRecord = { ...queue, row: queue.row + 1, faults: { ...queue.faults } };
  const item: ItemFacts = {
    id: randomUUID(),
    row: next.row,
    now,
    numerator: `ft${hex(queue.receiptNumerator)}#`,
  };
  const prefix = prefixOf(cashBox.country);
  const commit = (body: string, message?: string): OperationResult => {
    deps.storage.putQueue(next);
    deps.storage.putQueueItem(queueItem(cashBox, next, input, item, body));
    if (message !== undefined)
      deps.storage.putActionJournal(
        actionEntry({ queueId: queue.queueId, queueItemId: item.id, now, type: facts.receiptCase, message }),
      );
    return ok(body);
  };

  if (next.stopped || (!next.started && kind !== ReceiptCase.StartReceipt)) {
    const why = next.stopped ? 'has been stopped (out of operation receipt)' : 'has not been activated yet';
    const body = response(
      cashBox,
      next,
      input,
      item,
      [],
      prefix | StateFlag.OutOfOperation | stateFlags(next.faults),
    );
    return commit(
      body,
      `Queue ${queue.queueId} ${why}; receipt ${request.cbReceiptReference} was not processed.`,
    );
  }
  if (next.started && kind === ReceiptCase.StartReceipt) {
    const error = {
      code: 'QueueAlreadyOperational',
      message: 'The queue is already operational. It is not allowed to send another InitOperation Receipt',
    };
    return commit(
      response(
        cashBox,
        next,
        input,
        item,
        errorSignatures(cashBox.country, [error], 'FAILURE'),
        prefix | STATE_ERROR,
      ),
    );
  }
  if (facts.errors.length > 0) {
    return commit(
      response(
        cashBox,
        next,
        input,
        item,
        errorSignatures(cashBox.country, facts.errors),
        prefix | STATE_ERROR,
      ),
    );
  }

  const message = applyCase(next, kind, facts.receiptCase);
  next.receiptNumerator = queue.receiptNumerator + 1;
  next.turnoverCents = queue.turnoverCents + Number(facts.chargeCents);
  const identification = receiptIdentification(cashBox, next.receiptNumerator);
  const signed = countrySignatures(
    {
      country: cashBox.country,
      cashBoxId: cashBox.cashBoxId,
      cashBoxIdentification: cashBox.cashBoxIdentification,
      receiptIdentification: identification,
      receiptNumber: next.receiptNumerator,
      moment: now,
      facts,
      turnoverCents: BigInt(next.turnoverCents),
      previous: queue.chain,
      scuFailed: next.faults.scuFailed,
    },
    deps.keys,
  );
  next.chain = signed.chain;
  const signatures = deps.sandboxSignature
    ? [...signed.signatures, sandboxSignature(cashBox.country, queue.queueId)]
    : signed.signatures;
  const body = response(
    cashBox,
    next,
    input,
    { ...item, numerator: identification },
    signatures,
    prefix | stateFlags(next.faults),
  );
  const result = commit(body, message);
  deps.storage.putReceiptJournal(receiptEntry(next, facts, item, request.cbReceiptReference));
  return result;
}

// Lifecycle and mode changes a signed receipt makes; returns the action-journal line for it, if any.
function applyCase(queue: QueueRecord, kind: bigint, receiptCase: bigint): string | undefined {
  if (hasFlag(receiptCase, ReceiptCaseFlag.LateSigning)) queue.faults.lateSigning = true;
  switch (kind) {
    case ReceiptCase.StartReceipt:
      queue.started = true;
      return `Queue ${queue.queueId} started (initial operation receipt).`;
    case ReceiptCase.StopReceipt:
      queue.stopped = true;
      return `Queue ${queue.queueId} stopped (out of operation receipt); it cannot be started again.`;
    case ReceiptCase.ZeroReceipt:
      queue.faults.scuFailed = false;
      queue.faults.lateSigning = false;
      return 'Zero receipt: SCU and late-signing states cleared.';
    case ReceiptCase.DailyClosing:
      queue.faults.dailyClosingDue = false;
      return 'Daily closing.';
    case ReceiptCase.MonthlyClosing:
      queue.faults.dailyClosingDue = false;
      queue.faults.monthlyClosingDue = false;
      return 'Monthly closing.';
    case ReceiptCase.YearlyClosing:
      queue.faults.dailyClosingDue = false;
      queue.faults.monthlyClosingDue = false;
      queue.faults.yearlyClosingDue = false;
      return 'Yearly closing.';
    default:
      return undefined;
  }
}
