import {
  ConfirmPricesInput,
  CreateTransactionInput,
  priceCents,
  type Transaction,
  TransactionStatus,
  toDecimalString,
} from '@tillkit/models';
import type { SandboxResponse } from '../contract.ts';
import { parseJsonBody } from '../shared/body.ts';
import { randomToken } from '../shared/ids.ts';
import type { WalletCall } from './emulator.ts';
import { invalidParameters, invalidState, notFound, walletError } from './errors.ts';
import { bookTransaction } from './ledger.ts';
import { idListParam, isResponse, limitOffset, listParam } from './query.ts';
import {
  C,
  currencyOf,
  expire,
  isOpen,
  type LocationRecord,
  loadTransaction,
  nowSeconds,
  setStatus,
  type TransactionRecord,
} from './records.ts';

/** `POST /transaction`: a new transaction in the client's project (ext `project_id`/`location_id` link it). */
export function createTransaction(call: WalletCall): SandboxResponse {
  const parsed = parseJsonBody(call.req.rawBody, CreateTransactionInput);
  if (!parsed.ok) {
    return parsed.kind === 'malformed'
      ? walletError(400, 'invalid_request', parsed.message)
      : invalidParameters('Invalid transaction', parsed.errors);
  }
  const link = extLink(call);
  if (isResponse(link)) return link;
  const { ctx } = call;
  const input = parsed.value;
  const now = nowSeconds(ctx);
  return ctx.store.transaction(() => {
    let key = randomToken(8);
    while (ctx.store.get(C.transactions, key) !== undefined) key = randomToken(8);
    const tx: Transaction = {
      transaction_key: key,
      created_at: now,
      status: 'new',
      type: 'page',
      // Echoed as Paysera does when not sent (spec §2.5, §6.1): 30 days in seconds, allowance true/false.
      reserve: reserveOf(input),
      use_allowance: input.use_allowance ?? true,
      suggest_allowance: input.suggest_allowance ?? false,
      auto_confirm: input.auto_confirm ?? false,
      payments: input.payments.map((p) => {
        const price = priceCents(p);
        const hours = p.freeze_for ?? 0;
        const payment: Transaction['payments'][number] = {
          id: ctx.store.nextSequence('wallet.payment'),
          transaction_key: key,
          created_at: now,
          status: 'new',
          price,
          price_decimal: toDecimalString(price, p.currency),
          currency: p.currency,
          description: p.description,
          freeze: { for: hours * 3600 },
          freeze_for: hours,
          cancelable: false,
        };
        if (p.parameters !== undefined) payment.parameters = p.parameters;
        ctx.store.put(C.payments, String(payment.id), key);
        return payment;
      }),
    };
    if (input.redirect_uri !== undefined) tx.redirect_uri = input.redirect_uri;
    if (input.callback_uri !== undefined) tx.callback_uri = input.callback_uri;
    tx.project_id = link.projectId;
    if (link.locationId !== undefined) tx.location_id = link.locationId;
    const record: TransactionRecord = { owner: call.client.macId, projectId: link.projectId, tx };
    ctx.store.put(C.transactions, key, record);
    return { status: 200, body: tx };
  });
}

// reserve_for is hours (PHP Entity/Transaction::setReserveFor); the echo is seconds, like freeze.for.
function reserveOf(input: CreateTransactionInput): NonNullable<Transaction['reserve']> {
  if (input.reserve_until !== undefined) return { until: input.reserve_until };
  return { for: (input.reserve_for ?? 720) * 3600 };
}

function extLink(call: WalletCall): { projectId: number; locationId?: number } | SandboxResponse {
  const { ext, client, ctx } = call;
  const projectId = ext['project_id'] === undefined ? client.projectId : Number(ext['project_id']);
  if (projectId !== client.projectId)
    return walletError(403, 'forbidden', 'The client has no rights to this project');
  if (ext['location_id'] === undefined) return { projectId };
  const locationId = Number(ext['location_id']);
  const location = ctx.store.get<LocationRecord>(C.locations, String(locationId));
  if (location === undefined)
    return invalidParameters('Unknown location', { location_id: ['no such location'] });
  if (location.projectId !== client.projectId)
    return walletError(403, 'forbidden', 'The location belongs to another project');
  return { projectId, locationId };
}

/** Loads a transaction the calling client owns; another client's transaction is reported as not found. */
export function owned(call: WalletCall, key: string): TransactionRecord | SandboxResponse {
  const record = loadTransaction(call.ctx, key, call.ttlSeconds);
  if (record === undefined || record.owner !== call.client.macId) return notFound('Transaction');
  return record;
}

export function getTransaction(call: WalletCall, key: string): SandboxResponse {
  const record = owned(call, key);
  return isResponse(record) ? record : { status: 200, body: record.tx };
}

/**
 * `PUT /transaction/{key}/confirm`: exactly once. Only a `reserved` transaction can be confirmed; a second
 * confirm (or any other state) answers 409 `invalid_state` and charges nothing. The optional body lowers
 * payments' prices (spec §6.3); the difference goes back to the payer at once, a higher price is a 400.
 */
export function confirmTransaction(call: WalletCall, key: string): SandboxResponse {
  const record = owned(call, key);
  if (isResponse(record)) return record;
  const refused = (answer: SandboxResponse): SandboxResponse => {
    bookTransaction(call.ctx, key, currencyOf(record), (e) => {
      e.refusedConfirms++;
    });
    return answer;
  };
  const parsed = parseJsonBody(call.req.rawBody, ConfirmPricesInput.optional());
  if (!parsed.ok)
    return refused(
      parsed.kind === 'malformed'
        ? walletError(400, 'invalid_request', parsed.message)
        : invalidParameters('Invalid prices', parsed.errors),
    );
  if (record.tx.status !== 'reserved')
    return refused(
      invalidState(`Transaction is ${record.tx.status}; only a reserved transaction can be confirmed`),
    );
  const lowered = new Map<number, number>();
  for (const [paymentId, input] of Object.entries(parsed.value ?? {})) {
    const payment = record.tx.payments.find((p) => String(p.id) === paymentId);
    if (payment === undefined)
      return refused(
        invalidParameters('Unknown payment', { [paymentId]: ['no such payment in this transaction'] }),
      );
    const price = priceCents(input);
    if (input.currency !== payment.currency || price > payment.price)
      return refused(
        invalidParameters('A confirmed price may only lower the reserved one', {
          [paymentId]: ['price must be ≤ the reserved price, same currency'],
        }),
      );
    lowered.set(payment.id, price);
  }
  call.ctx.store.transaction(() => {
    let released = 0;
    for (const payment of record.tx.payments) {
      const price = lowered.get(payment.id);
      if (price === undefined) continue;
      released += payment.price - price;
      payment.price = price;
      payment.price_decimal = toDecimalString(price, payment.currency);
    }
    bookTransaction(call.ctx, key, currencyOf(record), (e) => {
      e.released += released;
    });
    setStatus(call.ctx, record, 'confirmed', nowSeconds(call.ctx));
  });
  return { status: 200, body: record.tx };
}

/** `DELETE /transaction/{key}`: revokes a transaction that is not yet confirmed; a reservation is released. */
export function revokeTransaction(call: WalletCall, key: string): SandboxResponse {
  const record = owned(call, key);
  if (isResponse(record)) return record;
  if (!isOpen(record.tx.status) && record.tx.status !== 'reserved')
    return invalidState(`Transaction is ${record.tx.status}; it cannot be revoked`);
  const held = record.tx.status === 'reserved' ? record.tx.payments.reduce((n, p) => n + p.price, 0) : 0;
  call.ctx.store.transaction(() => {
    bookTransaction(call.ctx, key, currencyOf(record), (e) => {
      e.revokes++;
      e.released += held;
    });
    setStatus(call.ctx, record, 'revoked');
  });
  return { status: 200, body: record.tx };
}

const knownStatuses: ReadonlySet<string> = new Set(TransactionStatus);

/** `GET /transactions?status=reserved[,…]&location_id=&project_id=&from=&to=&limit&offset` → `{transactions, _metadata}`. */
export function listTransactions(call: WalletCall): SandboxResponse {
  const { query } = call.req;
  const statuses = listParam(query, 'status');
  const unknown = statuses.filter((s) => !knownStatuses.has(s));
  if (unknown.length > 0)
    return invalidParameters('Unknown status', { status: [`unknown: ${unknown.join(', ')}`] });
  const locations = idListParam(query, 'location_id');
  if (isResponse(locations)) return locations;
  const projects = idListParam(query, 'project_id');
  if (isResponse(projects)) return projects;
  const paging = limitOffset(query, 50, 200);
  if (isResponse(paging)) return paging;
  const window = createdWindow(query);
  if (isResponse(window)) return window;
  const matches: Transaction[] = [];
  for (const record of call.ctx.store.list<TransactionRecord>(C.transactions)) {
    if (record.owner !== call.client.macId) continue;
    expire(call.ctx, record, call.ttlSeconds);
    const tx = record.tx;
    if (statuses.length > 0 && !statuses.includes(tx.status)) continue;
    if (locations.length > 0 && (tx.location_id === undefined || !locations.includes(tx.location_id)))
      continue;
    if (projects.length > 0 && !projects.includes(record.projectId)) continue;
    if (tx.created_at < window.from || tx.created_at > window.to) continue;
    matches.push(tx);
  }
  return {
    status: 200,
    body: {
      transactions: matches.slice(paging.offset, paging.offset + paging.limit),
      _metadata: { total: matches.length, offset: paging.offset, limit: paging.limit },
    },
  };
}

/** `from`/`to`: unix seconds bounding `created_at` (both inclusive), or a 400 naming the bad one. */
function createdWindow(query: URLSearchParams): { from: number; to: number } | SandboxResponse {
  const read = (name: string, fallback: number): number | undefined => {
    const raw = query.get(name);
    if (raw === null || raw === '') return fallback;
    return /^\d{1,12}$/.test(raw) ? Number(raw) : undefined;
  };
  const from = read('from', 0);
  const to = read('to', Number.MAX_SAFE_INTEGER);
  if (from === undefined || to === undefined)
    return invalidParameters('Invalid time window', {
      [from === undefined ? 'from' : 'to']: ['must be a unix timestamp in seconds'],
    });
  return { from, to };
}
