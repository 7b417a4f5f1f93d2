import type { OperationItem, OperationState } from '@tillkit/models';
import type { SandboxRequest, SandboxResponse } from '../contract.ts';
import { JSON_TYPE, problem } from './problem.ts';
import {
  type CashBoxRecord,
  type FiskaltrustStorage,
  type OperationRecord,
  operationKey,
} from './storage.ts';

// Idempotency as decision 2 (shared/specs/README.md) and the local reference implementation: an
// operation is keyed by (CashBox, x-operation-id); the first completion answers 201, a replay with the
// byte-identical body answers 200 with the stored body, a different body 409, a failed operation replays
// its stored error, and a duplicate of a running one blocks or gets 422.

/** What an operation's executor returns: a status and the final body text. */
export interface OperationResult {
  status: number;
  contentType: string;
  body: string;
}

interface InFlight {
  path: string;
  raw: string;
  item: OperationItem;
  done: Promise<unknown>;
}

const credentialHeaders = new Set([
  'x-cashbox-id',
  'x-cashbox-accesstoken',
  'cashboxid',
  'accesstoken',
  'authorization',
  'cookie',
]);

/** Runs idempotent operations and answers their duplicates. */
export class OperationRunner {
  private readonly inFlight = new Map<string, InFlight>();
  private readonly storage: FiskaltrustStorage;
  private readonly mode: 'block' | '422';
  private readonly now: () => Date;

  constructor(storage: FiskaltrustStorage, mode: 'block' | '422', now: () => Date) {
    this.storage = storage;
    this.mode = mode;
    this.now = now;
  }

  /** The operation as the OperationItem journal shows it (running ones included), or undefined. */
  item(cashBoxId: string, operationId: string): OperationItem | undefined {
    return (
      this.inFlight.get(operationKey(cashBoxId, operationId))?.item ??
      this.storage.operation(cashBoxId, operationId)?.item
    );
  }

  /** Runs `execute` once per (CashBox, operation id), after `delayMs` when > 0; its writes and the operation record commit together. */
  run(
    req: SandboxRequest,
    target: { cashBox: CashBoxRecord; operationId: string; delayMs: number },
    execute: () => OperationResult,
  ): SandboxResponse | Promise<SandboxResponse> {
    const { cashBox, operationId, delayMs } = target;
    const k = operationKey(cashBox.cashBoxId, operationId);
    const raw = req.rawBody.toString('utf8');
    const running = this.inFlight.get(k);
    if (running !== undefined) {
      if (running.raw !== raw || running.path !== req.path) return bodyMismatch();
      if (this.mode === '422') return problem(422, 'The operation is still in process. Please try again.');
      // When the first run threw (nothing stored), the duplicate simply runs the operation itself.
      return running.done.then(
        () => this.run(req, target, execute),
        () => this.run(req, target, execute),
      );
    }
    const stored = this.storage.operation(cashBox.cashBoxId, operationId);
    if (stored !== undefined) return replay(stored, req.path, raw);
    const item = this.newItem(req, cashBox, operationId, raw);
    if (delayMs <= 0) return this.complete(cashBox, item, execute);

    const done = new Promise<void>((resolve) => setTimeout(resolve, delayMs)).then(() =>
      this.complete(cashBox, item, execute),
    );
    this.inFlight.set(k, { path: req.path, raw, item, done });
    const forget = (): void => {
      this.inFlight.delete(k);
    };
    done.then(forget, forget);
    return done;
  }

  private complete(
    cashBox: CashBoxRecord,
    pending: OperationItem,
    execute: () => OperationResult,
  ): SandboxResponse {
    return this.storage.store.transaction(() => {
      const result = execute();
      const ok = result.status >= 200 && result.status < 300;
      const state: OperationState = ok ? 'done' : 'failed';
      const item: OperationItem = {
        ...pending,
        Response: result.body,
        ResponseCode: ok ? 201 : result.status,
        LastState: state,
        TimeStamp: this.now().toISOString(),
      };
      this.storage.putOperation({ cashBoxId: cashBox.cashBoxId, contentType: result.contentType, item });
      return {
        status: ok ? 201 : result.status,
        headers: { 'content-type': result.contentType },
        body: result.body,
      };
    });
  }

  private newItem(
    req: SandboxRequest,
    cashBox: CashBoxRecord,
    operationId: string,
    raw: string,
  ): OperationItem {
    const moment = this.now().toISOString();
    const posSystemId = req.headers['x-possystem-id'];
    const terminalId = req.headers['x-terminal-id'];
    return {
      cbOperationItemID: operationId,
      ftQueueID: cashBox.queueId,
      ...(posSystemId === undefined ? {} : { ftPosSystemID: posSystemId }),
      ...(terminalId === undefined ? {} : { cbTerminalID: terminalId }),
      Method: req.method,
      Path: req.path,
      RequestHeaders: storedHeaders(req.headers),
      Request: raw,
      ResponseCode: 0,
      LastState: 'processing',
      TimeStamp: moment,
      ftOperationItemMoment: moment,
    };
  }
}

function replay(stored: OperationRecord, path: string, raw: string): SandboxResponse {
  if (stored.item.Request !== raw || stored.item.Path !== path) return bodyMismatch();
  const status = stored.item.LastState === 'done' ? 200 : stored.item.ResponseCode;
  return {
    status,
    headers: { 'content-type': stored.contentType || JSON_TYPE },
    body: stored.item.Response ?? '',
  };
}

function bodyMismatch(): SandboxResponse {
  return problem(409, 'The operation body does not match the stored operation.');
}

/** Request headers as OperationItem stores them: credentials removed (they must never be stored or shown). */
function storedHeaders(headers: SandboxRequest['headers']): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined || credentialHeaders.has(name)) continue;
    out[name] = Array.isArray(value) ? (value as string[]) : [value];
  }
  return out;
}
