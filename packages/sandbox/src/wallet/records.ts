import type { Location, Spot, SpotOrder, Transaction, TransactionStatus } from '@tillkit/models';
import type { EmulatorContext } from '../contract.ts';

// Store layout of the Wallet emulator. Records hold internal fields (owner, links); `*View` functions
// build the wire objects, omitting absent optional fields as Paysera does.

export const C = {
  clients: 'wallet.clients',
  locations: 'wallet.locations',
  spots: 'wallet.spots',
  orders: 'wallet.orders',
  transactions: 'wallet.transactions',
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
  status: 'free' | 'waiting' | 'busy';
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

/** Moves a transaction (and its payments) to a status and persists it. */
export function setStatus(
  ctx: EmulatorContext,
  record: TransactionRecord,
  status: TransactionStatus,
  at?: number,
): void {
  record.tx.status = status;
  if (status === 'confirmed' && at !== undefined) record.tx.confirmed_at = at;
  for (const p of record.tx.payments) p.status = status;
  ctx.store.put(C.transactions, record.tx.transaction_key, record);
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

export function expire(ctx: EmulatorContext, record: TransactionRecord, ttlSeconds: number): void {
  if (isOpen(record.tx.status) && nowSeconds(ctx) >= record.tx.created_at + ttlSeconds)
    setStatus(ctx, record, 'deleted');
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
