import type { Location, Spot, SpotOrder, Transaction, TransactionStatus } from '@tillkit/models';
import type { EmulatorContext } from '../contract.ts';
import { bookTransaction } from './ledger.ts';

// Store layout of the Wallet emulator. Records hold internal fields (owner, links); `*View` functions
// build the wire objects, omitting absent optional fields as Paysera does.

export const C = {
  clients: 'wallet.clients',
  locations: 'wallet.locations',
  spots: 'wallet.spots',
  orders: 'wallet.orders',
  transactions: 'wallet.transactions',
  /** Payment id → the key of the transaction that holds it. */
  payments: 'wallet.payments',
} as const;

/** A merchant API client: MAC credentials and the project its requests act in. */
export interface ClientRecord {
  macId: string;
  macKey: string;
  projectId: number;
}

export interface LocationRecord {
  id: number;
  projectId: number;
  title: string;
  description?: string;
  address?: string;
  updatedAt: number;
}

export interface SpotRecord {
  id: number;
  locationId: number;
  identifier: string;
  status: 'free' | 'waiting' | 'active';
  /** Open order of this spot (one at a time), if any. */
  orderId: number | null;
}

export interface OrderRecord {
  id: number;
  spotId: number;
  transactionKey: string;
  closed: boolean;
}

export interface TransactionRecord {
  owner: string;
  projectId: number;
  tx: Transaction;
}

const openStatuses: ReadonlySet<string> = new Set(['new', 'waiting']);

/** True while the customer can still reserve (pay) the transaction. */
export function isOpen(status: string): boolean {
  return openStatuses.has(status);
}

/**
 * Moves a transaction (and its payments) to a status and persists it. On `confirmed` each payment is
 * captured: `confirmed` while its freeze runs (refundable, spec §6.3), else `done` at once.
 */
export function setStatus(
  ctx: EmulatorContext,
  record: TransactionRecord,
  status: TransactionStatus,
  at?: number,
): void {
  record.tx.status = status;
  if (status === 'confirmed') {
    const when = at ?? nowSeconds(ctx);
    record.tx.confirmed_at = when;
    let captured = 0;
    for (const p of record.tx.payments) {
      captured += p.price;
      p.confirmed_at = when;
      const hours = p.freeze_for ?? 0;
      p.status = hours > 0 ? 'confirmed' : 'done';
      p.cancelable = hours > 0;
      if (hours > 0) p.freeze_until = when + hours * 3600;
    }
    bookTransaction(ctx, record.tx.transaction_key, currencyOf(record), (e) => {
      e.confirms++;
      e.captured += captured;
    });
  } else {
    for (const p of record.tx.payments) p.status = status;
  }
  ctx.store.put(C.transactions, record.tx.transaction_key, record);
}

export function currencyOf(record: TransactionRecord): string {
  return record.tx.payments[0]?.currency ?? 'EUR';
}

export function nowSeconds(ctx: EmulatorContext): number {
  return Math.floor(ctx.now().getTime() / 1000);
}

/**
 * Reads a transaction, applying expiry first: a transaction still `new`/`waiting` after `ttlSeconds`
 * becomes `deleted` (Paysera deletes unreserved transactions after a month, spec §2.5).
 */
export function loadTransaction(
  ctx: EmulatorContext,
  key: string,
  ttlSeconds: number,
): TransactionRecord | undefined {
  const record = ctx.store.get<TransactionRecord>(C.transactions, key);
  if (record !== undefined) expire(ctx, record, ttlSeconds);
  return record;
}

/**
 * Applies what time does to a transaction: still `new`/`waiting` after `ttlSeconds` → `deleted`; a
 * confirmed payment whose freeze has ended → `done` (no longer refundable).
 */
export function expire(ctx: EmulatorContext, record: TransactionRecord, ttlSeconds: number): void {
  const now = nowSeconds(ctx);
  if (isOpen(record.tx.status) && now >= record.tx.created_at + ttlSeconds) {
    setStatus(ctx, record, 'deleted');
    return;
  }
  let changed = false;
  for (const p of record.tx.payments) {
    if (p.status === 'confirmed' && p.freeze_until !== undefined && now >= p.freeze_until) {
      p.status = 'done';
      p.cancelable = false;
      changed = true;
    }
  }
  if (changed) ctx.store.put(C.transactions, record.tx.transaction_key, record);
}

export function orderStatus(order: OrderRecord, tx: Transaction | undefined): SpotOrder['status'] {
  if (order.closed || tx === undefined) return 'closed';
  if (tx.status === 'reserved') return 'reserved';
  if (tx.status === 'confirmed') return 'confirmed';
  return isOpen(tx.status) ? 'pending' : 'closed';
}

export function orderView(
  ctx: EmulatorContext,
  order: OrderRecord,
  ttlSeconds: number,
  expand: boolean,
): SpotOrder {
  const record = loadTransaction(ctx, order.transactionKey, ttlSeconds);
  const view: SpotOrder = {
    id: order.id,
    transaction_key: order.transactionKey,
    status: orderStatus(order, record?.tx),
  };
  if (expand && record !== undefined) view.transaction = record.tx;
  return view;
}

export function spotView(ctx: EmulatorContext, spot: SpotRecord, ttlSeconds: number, expand: boolean): Spot {
  const location = ctx.store.get<LocationRecord>(C.locations, String(spot.locationId));
  const view: Spot = { id: spot.id, status: spot.status, identifier: spot.identifier };
  if (location !== undefined) {
    view.place_info = { title: location.title, location_id: location.id };
    if (location.description !== undefined) view.place_info.description = location.description;
    if (location.address !== undefined) view.place_info.address = location.address;
  }
  const order =
    spot.orderId === null ? undefined : ctx.store.get<OrderRecord>(C.orders, String(spot.orderId));
  if (order !== undefined) view.orders = [orderView(ctx, order, ttlSeconds, expand)];
  return view;
}

export function locationView(ctx: EmulatorContext, location: LocationRecord, ttlSeconds: number): Location {
  const view: Location = {
    id: location.id,
    project_id: location.projectId,
    title: location.title,
    updated_at: location.updatedAt,
    status: 'active',
    public: true,
  };
  if (location.description !== undefined) view.description = location.description;
  if (location.address !== undefined) view.address = location.address;
  view.spots = ctx.store
    .list<SpotRecord>(C.spots)
    .filter((s) => s.locationId === location.id)
    .map((s) => spotView(ctx, s, ttlSeconds, false));
  return view;
}
