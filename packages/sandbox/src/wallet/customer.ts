import { parseSpotCode, type Spot, type Transaction } from '@tillkit/models';
import type { EmulatorContext } from '../contract.ts';
import {
  C,
  isOpen,
  type LocationRecord,
  loadTransaction,
  nowSeconds,
  type OrderRecord,
  type SpotRecord,
  setStatus,
  spotView,
} from './records.ts';

/** The outcome of a customer action: the spot as the customer's app sees it, or why the action failed. */
export type CustomerResult =
  | { ok: true; spot: Spot }
  | { ok: false; status: 400 | 404 | 409; error: string; message: string };

/** The customer's side of scan-and-pay (the Paysera app), driven by tests and the `/simulator` page. */
export interface WalletCustomer {
  /** Scans a spot QR `PAYSERA*{locationId}:{identifier}`: the spot becomes `waiting`. */
  scan(code: string): CustomerResult;
  /** Pays the order attached to the spot: its transaction becomes `reserved` (`confirmed` if auto_confirm). */
  accept(spotId: number): CustomerResult;
  /** Declines the order attached to the spot: its transaction becomes `rejected`. */
  reject(spotId: number): CustomerResult;
  /** The customer's payment fails in the app (e.g. the card is declined): the transaction becomes `failed`. */
  fail(spotId: number): CustomerResult;
  /** The spot with its open order and transaction. */
  spot(spotId: number): CustomerResult;
  /** Every spot, for the simulator's list. */
  spots(): Spot[];
}

const fail = (status: 400 | 404 | 409, error: string, message: string): CustomerResult => ({
  ok: false,
  status,
  error,
  message,
});

/** Called after each customer-driven transaction change, with Paysera's callback event type. */
export type TransactionEventSink = (tx: Transaction, type: string) => void;

export function createWalletCustomer(
  ctx: EmulatorContext,
  ttlSeconds: number,
  onEvent: TransactionEventSink = () => undefined,
): WalletCustomer {
  const view = (spot: SpotRecord): CustomerResult => ({
    ok: true,
    spot: spotView(ctx, spot, ttlSeconds, true),
  });
  const decide = (spotId: number, outcome: 'accept' | 'reject' | 'fail'): CustomerResult => {
    const spot = ctx.store.get<SpotRecord>(C.spots, String(spotId));
    if (spot === undefined) return fail(404, 'not_found', 'Spot not found');
    const order =
      spot.orderId === null ? undefined : ctx.store.get<OrderRecord>(C.orders, String(spot.orderId));
    if (order === undefined) return fail(409, 'invalid_state', 'No order is attached to this spot yet');
    const record = loadTransaction(ctx, order.transactionKey, ttlSeconds);
    if (record === undefined) return fail(404, 'not_found', 'Transaction not found');
    if (!isOpen(record.tx.status))
      return fail(
        409,
        'invalid_state',
        `Transaction is ${record.tx.status}; it can no longer be paid or declined`,
      );
    // With auto_confirm Paysera confirms at once and sends `confirmed` instead of `reserved` (spec §6.5).
    const status =
      outcome === 'reject'
        ? 'rejected'
        : outcome === 'fail'
          ? 'failed'
          : record.tx.auto_confirm === true
            ? 'confirmed'
            : 'reserved';
    setStatus(ctx, record, status, nowSeconds(ctx));
    onEvent(record.tx, status);
    return view(spot);
  };
  return {
    scan(code) {
      const parsed = parseSpotCode(code);
      if (parsed === undefined)
        return fail(400, 'invalid_parameters', 'Not a spot code: expected PAYSERA*{locationId}:{identifier}');
      const location = ctx.store.get<LocationRecord>(C.locations, String(parsed.locationId));
      if (location === undefined) return fail(404, 'not_found', 'Location not found');
      const spot = ctx.store
        .list<SpotRecord>(C.spots)
        .find((s) => s.locationId === location.id && s.identifier === parsed.identifier);
      if (spot === undefined) return fail(404, 'not_found', 'Spot not found');
      if (spot.status === 'active') return fail(409, 'invalid_state', 'Spot is active with another order');
      spot.status = 'waiting';
      ctx.store.put(C.spots, String(spot.id), spot);
      return view(spot);
    },
    accept: (spotId) => decide(spotId, 'accept'),
    reject: (spotId) => decide(spotId, 'reject'),
    fail: (spotId) => decide(spotId, 'fail'),
    spot(spotId) {
      const spot = ctx.store.get<SpotRecord>(C.spots, String(spotId));
      return spot === undefined ? fail(404, 'not_found', 'Spot not found') : view(spot);
    },
    spots: () => ctx.store.list<SpotRecord>(C.spots).map((s) => spotView(ctx, s, ttlSeconds, true)),
  };
}
