import { randomInt, randomUUID } from 'node:crypto';
import { ErrorCode, TillKitError } from '@tillkit/models';
import { randomToken } from '../shared/ids.ts';
import { isGuid } from './auth.ts';
import { type CashBoxRecord, DEFAULT_FAULTS, type FiskaltrustStorage, type QueueRecord } from './storage.ts';
import type {
  CashBoxCredentials,
  CashBoxFaults,
  CreateCashBoxInput,
  FiskaltrustCountry,
  FiskaltrustJournal,
} from './types.ts';

const countries: readonly FiskaltrustCountry[] = ['AT', 'DE', 'IT'];

/** Creates a CashBox and its queue, or returns the existing one (a restarted sandbox re-seeds the same ids). */
export function createCashBox(storage: FiskaltrustStorage, input: CreateCashBoxInput): CashBoxCredentials {
  if (!countries.includes(input.country)) throw invalid(`country must be one of ${countries.join(', ')}`);
  const cashBoxId = input.cashBoxId ?? randomUUID();
  if (!isGuid(cashBoxId)) throw invalid('cashBoxId must be a UUID');
  if (input.posSystemId !== undefined && !isGuid(input.posSystemId))
    throw invalid('posSystemId must be a UUID');
  if (input.accessToken !== undefined && input.accessToken.length === 0)
    throw invalid('accessToken must not be empty');

  return storage.store.transaction(() => {
    const existing = storage.cashBox(cashBoxId);
    if (existing !== undefined) {
      if (input.accessToken === undefined || input.accessToken === existing.accessToken)
        return credentials(existing);
      const updated = { ...existing, accessToken: input.accessToken };
      storage.putCashBox(updated);
      return credentials(updated);
    }
    const queueId = randomUUID();
    const record: CashBoxRecord = {
      cashBoxId,
      accessToken: input.accessToken ?? randomToken(43),
      queueId,
      country: input.country,
      cashBoxIdentification: `SANDBOX-${input.country}-${cashBoxId.slice(0, 8).toUpperCase()}`,
      pin: uniquePin(storage),
      ...(input.posSystemId === undefined ? {} : { posSystemId: input.posSystemId }),
    };
    const queue: QueueRecord = {
      queueId,
      cashBoxId,
      started: input.started === true,
      stopped: false,
      row: 0,
      receiptNumerator: 0,
      turnoverCents: 0,
      chain: Buffer.from(cashBoxId).toString('base64'),
      faults: { ...DEFAULT_FAULTS },
    };
    storage.putCashBox(record);
    storage.putQueue(queue);
    return credentials(record);
  });
}

/** Merges fault switches into a CashBox's queue and returns the result. */
export function setFaults(
  storage: FiskaltrustStorage,
  cashBoxId: string,
  faults: Partial<CashBoxFaults>,
): CashBoxFaults {
  const { queue } = requireCashBox(storage, cashBoxId);
  const merged: CashBoxFaults = { ...queue.faults };
  for (const [key, value] of Object.entries(faults) as [
    keyof CashBoxFaults,
    CashBoxFaults[keyof CashBoxFaults] | undefined,
  ][]) {
    if (value === undefined) continue;
    if (!(key in DEFAULT_FAULTS)) throw invalid(`unknown fault switch ${key}`);
    if (typeof value !== typeof DEFAULT_FAULTS[key])
      throw invalid(`${key} must be a ${typeof DEFAULT_FAULTS[key]}`);
    Object.assign(merged, { [key]: value });
  }
  if (merged.processingDelayMs < 0 || !Number.isFinite(merged.processingDelayMs))
    throw invalid('processingDelayMs must be a finite number ≥ 0');
  storage.putQueue({ ...queue, faults: merged });
  return merged;
}

/** The PIN `POST /v2/pair` accepts for this CashBox. */
export function pairingPin(storage: FiskaltrustStorage, cashBoxId: string): string {
  return requireCashBox(storage, cashBoxId).cashBox.pin;
}

/** Everything the CashBox's queue has recorded. */
export function journalOf(storage: FiskaltrustStorage, cashBoxId: string): FiskaltrustJournal {
  const { cashBox, queue } = requireCashBox(storage, cashBoxId);
  return {
    queue: {
      queueId: queue.queueId,
      started: queue.started,
      stopped: queue.stopped,
      row: queue.row,
      receiptNumerator: queue.receiptNumerator,
      turnoverCents: queue.turnoverCents,
      faults: { ...queue.faults },
    },
    receipts: storage.receiptJournal(queue.queueId),
    actions: storage.actionJournal(queue.queueId),
    queueItems: storage.queueItems(queue.queueId),
    operations: storage.operations(cashBox.cashBoxId),
  };
}

/** The CashBox and its queue, or NOT_FOUND. */
export function requireCashBox(
  storage: FiskaltrustStorage,
  cashBoxId: string,
): { cashBox: CashBoxRecord; queue: QueueRecord } {
  const cashBox = storage.cashBox(cashBoxId);
  const queue = cashBox === undefined ? undefined : storage.queue(cashBox.queueId);
  if (cashBox === undefined || queue === undefined)
    throw new TillKitError(ErrorCode.NOT_FOUND, `Unknown CashBox ${cashBoxId}`);
  return { cashBox, queue };
}

function credentials(record: CashBoxRecord): CashBoxCredentials {
  return {
    cashBoxId: record.cashBoxId,
    accessToken: record.accessToken,
    queueId: record.queueId,
    country: record.country,
    cashBoxIdentification: record.cashBoxIdentification,
    pin: record.pin,
  };
}

function uniquePin(storage: FiskaltrustStorage): string {
  for (;;) {
    const pin = String(randomInt(0, 100_000_000)).padStart(8, '0');
    if (storage.cashBoxIdForPin(pin) === undefined) return pin;
  }
}

function invalid(message: string): TillKitError {
  return new TillKitError(ErrorCode.INVALID_CONFIG, `Invalid CashBox: ${message}`);
}
