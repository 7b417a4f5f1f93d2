import { CreateSpotOrderInput, SpotStatus } from '@tillkit/models';
import type { SandboxResponse } from '../contract.ts';
import { parseJsonBody } from '../shared/body.ts';
import type { WalletCall } from './emulator.ts';
import { invalidParameters, invalidState, notFound, walletError } from './errors.ts';
import { idListParam, isResponse, limitOffset, listParam } from './query.ts';
import {
  C,
  isOpen,
  type LocationRecord,
  loadTransaction,
  locationView,
  type OrderRecord,
  orderView,
  type SpotRecord,
  spotView,
} from './records.ts';

/** `GET /locations` → `{locations, _metadata}` of the client's project (limit default 20, max 200). */
export function listLocations(call: WalletCall): SandboxResponse {
  const paging = limitOffset(call.req.query, 20, 200);
  if (isResponse(paging)) return paging;
  const all = call.ctx.store
    .list<LocationRecord>(C.locations)
    .filter((l) => l.projectId === call.client.projectId);
  const page = all
    .slice(paging.offset, paging.offset + paging.limit)
    .map((l) => locationView(call.ctx, l, call.ttlSeconds));
  return {
    status: 200,
    body: { locations: page, _metadata: { total: all.length, offset: paging.offset, limit: paging.limit } },
  };
}

export function getLocation(call: WalletCall, id: string): SandboxResponse {
  const location = call.ctx.store.get<LocationRecord>(C.locations, id);
  if (location === undefined) return notFound('Location');
  if (location.projectId !== call.client.projectId)
    return walletError(403, 'forbidden', 'The location belongs to another project');
  return { status: 200, body: locationView(call.ctx, location, call.ttlSeconds) };
}

const knownSpotStatuses: ReadonlySet<string> = new Set(SpotStatus);

/**
 * `GET /spots?status=waiting[&location_id=1,2]` → `{spots, _metadata}` in the client's project. `location_id`
 * takes a comma list (or repeats) so one poll can cover several locations.
 */
export function listSpots(call: WalletCall): SandboxResponse {
  const { query } = call.req;
  const statuses = listParam(query, 'status');
  const unknown = statuses.filter((s) => !knownSpotStatuses.has(s));
  if (unknown.length > 0)
    return invalidParameters('Unknown status', { status: [`unknown: ${unknown.join(', ')}`] });
  const locations = idListParam(query, 'location_id');
  if (isResponse(locations)) return locations;
  const paging = limitOffset(query, 100, 200);
  if (isResponse(paging)) return paging;
  const expand = (query.get('fields') ?? '').includes('orders.transaction');
  const projectLocations = new Set(
    call.ctx.store
      .list<LocationRecord>(C.locations)
      .filter((l) => l.projectId === call.client.projectId)
      .map((l) => l.id),
  );
  const matches = call.ctx.store
    .list<SpotRecord>(C.spots)
    .filter(
      (s) =>
        projectLocations.has(s.locationId) &&
        (statuses.length === 0 || statuses.includes(s.status)) &&
        (locations.length === 0 || locations.includes(s.locationId)),
    );
  const page = matches
    .slice(paging.offset, paging.offset + paging.limit)
    .map((s) => spotView(call.ctx, s, call.ttlSeconds, expand));
  return {
    status: 200,
    body: { spots: page, _metadata: { total: matches.length, offset: paging.offset, limit: paging.limit } },
  };
}

function ownedSpot(call: WalletCall, id: string): SpotRecord | SandboxResponse {
  const spot = call.ctx.store.get<SpotRecord>(C.spots, id);
  if (spot === undefined) return notFound('Spot');
  const location = call.ctx.store.get<LocationRecord>(C.locations, String(spot.locationId));
  if (location?.projectId !== call.client.projectId)
    return walletError(403, 'forbidden', 'The spot belongs to another project');
  return spot;
}

export function getSpot(call: WalletCall, id: string): SandboxResponse {
  const spot = ownedSpot(call, id);
  if (isResponse(spot)) return spot;
  const expand = (call.req.query.get('fields') ?? '').includes('orders.transaction');
  return { status: 200, body: spotView(call.ctx, spot, call.ttlSeconds, expand) };
}

/**
 * `POST /spot/{id}/order {transaction_key}`: shows the transaction to the customer checked in at the spot.
 * The spot must be `waiting` (scanned) with no open order; the transaction must be the client's and still
 * payable. The spot becomes `active` (an order on it), so a `status=waiting` poll stops returning it.
 */
export function attachOrder(call: WalletCall, id: string): SandboxResponse {
  const spot = ownedSpot(call, id);
  if (isResponse(spot)) return spot;
  const parsed = parseJsonBody(call.req.rawBody, CreateSpotOrderInput);
  if (!parsed.ok)
    return parsed.kind === 'malformed'
      ? walletError(400, 'invalid_request', parsed.message)
      : invalidParameters('Invalid order', parsed.errors);
  const key = parsed.value.transaction_key;
  const record = loadTransaction(call.ctx, key, call.ttlSeconds);
  if (record === undefined || record.owner !== call.client.macId) return notFound('Transaction');
  if (spot.status !== 'waiting' || spot.orderId !== null)
    return invalidState(
      `Spot is ${spot.status}; an order can be attached only to a waiting spot without an open order`,
    );
  if (!isOpen(record.tx.status))
    return invalidState(`Transaction is ${record.tx.status}; only a new transaction can be attached`);
  const attached = call.ctx.store
    .list<OrderRecord>(C.orders)
    .some((o) => !o.closed && o.transactionKey === key);
  if (attached) return invalidState('Transaction is already attached to an open spot order');
  const order = call.ctx.store.transaction(() => {
    const o: OrderRecord = {
      id: call.ctx.store.nextSequence('wallet.order'),
      spotId: spot.id,
      transactionKey: key,
      closed: false,
    };
    call.ctx.store.put(C.orders, String(o.id), o);
    spot.status = 'active';
    spot.orderId = o.id;
    call.ctx.store.put(C.spots, String(spot.id), spot);
    return o;
  });
  return { status: 200, body: { ...orderView(call.ctx, order, call.ttlSeconds, false), spot_id: spot.id } };
}

/** `DELETE /spot/{id}`: checks the customer out; the spot is `free` again and its order `closed`. Idempotent. */
export function closeSpot(call: WalletCall, id: string): SandboxResponse {
  const spot = ownedSpot(call, id);
  if (isResponse(spot)) return spot;
  call.ctx.store.transaction(() => {
    if (spot.orderId !== null) {
      const order = call.ctx.store.get<OrderRecord>(C.orders, String(spot.orderId));
      if (order !== undefined) {
        order.closed = true;
        call.ctx.store.put(C.orders, String(order.id), order);
      }
    }
    spot.status = 'free';
    spot.orderId = null;
    call.ctx.store.put(C.spots, String(spot.id), spot);
  });
  return { status: 200, body: spotView(call.ctx, spot, call.ttlSeconds, false) };
}
