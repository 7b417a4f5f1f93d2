import {
  CreateOrderInput,
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
import { paginate } from './pagination.ts';
import { type OrderRecord, P } from './records.ts';

const isoNow = (call: PosCall) =>
  call.ctx
    .now()
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z');

/** Sum of quantity × unit price, in the order's currency, as a decimal string. */
function totalOf(order: Pick<PosOrder, 'orderPositions' | 'currency'>): string {
  const minor = order.orderPositions.reduce(
    (sum, p) => sum + Math.round(fromDecimal(p.unitPrice.regular, order.currency) * p.quantity),
    0,
  );
  return toDecimalString(minor, order.currency);
}

function bodyError(
  kind: 'malformed' | 'invalid',
  message: string | undefined,
  errors: Record<string, string[]> | undefined,
): SandboxResponse {
  return kind === 'malformed' ? posError(400, message ?? 'Malformed JSON.') : posValidation(errors ?? {});
}

/** `POST /orders`: 201 with the order; 409 when the merchant already has an order with that number. */
export function createOrder(call: PosCall): SandboxResponse {
  const parsed = parseJsonBody(call.req.rawBody, CreateOrderInput);
  if (!parsed.ok)
    return parsed.kind === 'malformed'
      ? bodyError('malformed', parsed.message, undefined)
      : bodyError('invalid', undefined, parsed.errors);
  const input = parsed.value;
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
      id: randomUuid(),
      number:
        input.number ??
        `ORD-${String(store.nextSequence(`pos.orderNumber.${call.merchantId}`)).padStart(6, '0')}`,
      status: 'pending',
      totalAmount: totalOf(input),
      createdAt: input.createdAt ?? now,
      updatedAt: now,
    };
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
  order.totalAmount = totalOf(order);
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
