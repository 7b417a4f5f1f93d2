import {
  fromDecimal,
  OrderFilter,
  type PosOrder,
  type PosOrderStatus,
  toDecimalString,
  UpdateOrderInput,
} from '@tillkit/models';
import type { SandboxResponse } from '../contract.ts';
import { parseJsonBody } from '../shared/body.ts';
import { randomUuid } from '../shared/ids.ts';
import type { PosCall } from './emulator.ts';
import { isResponse, posError, posForbidden, posNotFound, posValidation } from './errors.ts';
import { readFilter, within } from './filters.ts';
import { priceOrder, readOrderBody } from './order-body.ts';
import { paginate } from './pagination.ts';
import { type OrderRecord, P } from './records.ts';

const isoNow = (call: PosCall) =>
  call.ctx
    .now()
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z');

function bodyError(
  kind: 'malformed' | 'invalid',
  message: string | undefined,
  errors: Record<string, string[]> | undefined,
): SandboxResponse {
  return kind === 'malformed' ? posError(400, message ?? 'Malformed JSON.') : posValidation(errors ?? {});
}

/**
 * `POST /orders`: 201 with the order (in the reference shape, whichever documented shape was sent); 409
 * when the merchant already has an order with that number.
 */
export function createOrder(call: PosCall): SandboxResponse {
  const input = readOrderBody(call.req.rawBody);
  if (isResponse(input)) return input;
  const { store } = call.ctx;
  return store.transaction(() => {
    const mine = store.list<OrderRecord>(P.orders).filter((r) => r.merchantId === call.merchantId);
    if (input.number !== undefined && mine.some((r) => r.order.number === input.number)) {
      return posError(409, `An order with number ${input.number} already exists.`, {
        number: ['has already been taken'],
      });
    }
    const now = isoNow(call);
    const order: PosOrder = {
      ...input,
      ...priceOrder(input),
      id: randomUuid(),
      number:
        input.number ??
        `ORD-${String(store.nextSequence(`pos.orderNumber.${call.merchantId}`)).padStart(6, '0')}`,
      status: 'pending',
      createdAt: input.createdAt ?? now,
      updatedAt: now,
    };
    if (input.discountPrice !== undefined)
      order.discountPrice = toDecimalString(fromDecimal(input.discountPrice, input.currency), input.currency);
    store.put<OrderRecord>(P.orders, order.id, { merchantId: call.merchantId, order });
    return { status: 201, body: order };
  });
}

function owned(call: PosCall, id: string): OrderRecord | SandboxResponse {
  const r = call.ctx.store.get<OrderRecord>(P.orders, id);
  if (r === undefined) return posNotFound('Order');
  if (r.merchantId !== call.merchantId) return posForbidden('order');
  return r;
}

export function getOrder(call: PosCall, id: string): SandboxResponse {
  const r = owned(call, id);
  return isResponse(r) ? r : { status: 200, body: r.order };
}

/** `PATCH /orders/{id}`: only a pending order can change (409 otherwise). */
export function updateOrder(call: PosCall, id: string): SandboxResponse {
  const r = owned(call, id);
  if (isResponse(r)) return r;
  const parsed = parseJsonBody(call.req.rawBody, UpdateOrderInput);
  if (!parsed.ok)
    return parsed.kind === 'malformed'
      ? bodyError('malformed', parsed.message, undefined)
      : bodyError('invalid', undefined, parsed.errors);
  if (r.order.status !== 'pending')
    return posError(409, `Order is ${r.order.status}; only a pending order can be updated.`);
  const changes = Object.fromEntries(Object.entries(parsed.value).filter(([, v]) => v !== undefined));
  const order: PosOrder = { ...r.order, ...changes, updatedAt: isoNow(call) };
  if (parsed.value.orderPositions !== undefined || parsed.value.discountPrice !== undefined) {
    const body = { ...r.order, ...changes } as Parameters<typeof priceOrder>[0];
    Object.assign(order, priceOrder(body));
  }
  call.ctx.store.put<OrderRecord>(P.orders, id, { merchantId: r.merchantId, order });
  return { status: 200, body: order };
}

/** `POST /orders/{id}/cancel` and `/complete`: pending → canceled | completed; anything else is 409. */
export function transitionOrder(
  call: PosCall,
  id: string,
  to: Extract<PosOrderStatus, 'canceled' | 'completed'>,
): SandboxResponse {
  const r = owned(call, id);
  if (isResponse(r)) return r;
  if (r.order.status !== 'pending') return posError(409, `Order is ${r.order.status}; it cannot be ${to}.`);
  const order: PosOrder = { ...r.order, status: to, updatedAt: isoNow(call) };
  call.ctx.store.put<OrderRecord>(P.orders, id, { merchantId: r.merchantId, order });
  return { status: 200, body: order };
}

/** `GET /orders?numbers=&status=&createdAtFrom=&createdAtTo=&page=&pageSize=`. */
export function listOrders(call: PosCall): SandboxResponse {
  const f = readFilter(call.req.query, OrderFilter, {
    numbers: 'list',
    status: 'list',
    createdAtFrom: 'string',
    createdAtTo: 'string',
  });
  if (isResponse(f)) return f;
  const orders = call.ctx.store
    .list<OrderRecord>(P.orders)
    .filter((r) => r.merchantId === call.merchantId)
    .map((r) => r.order)
    .filter(
      (o) =>
        (f.numbers === undefined || f.numbers.includes(o.number)) &&
        (f.status === undefined || f.status.includes(o.status as PosOrderStatus)) &&
        within(o.createdAt, f.createdAtFrom, f.createdAtTo),
    );
  return { status: 200, body: paginate(call.req, orders, f) };
}
