import {
  type CreateTransactionInput,
  priceCents,
  type Spot,
  type SpotOrder,
  TillKitError,
  type Transaction,
  toDecimalString,
  type WalletPayment,
} from '@tillkit/models';
import type { WalletPort } from '../wallet-port.ts';

// An in-memory stand-in for the Wallet API, for the engine's unit tests only (HTTP behaviour is tested
// against the sandbox). It records when each request was made so budget tests can count per window.

export interface FakeWallet extends WalletPort {
  requestTimes: number[];
  calls: string[];
  scan(spotId: number): void;
  pay(spotId: number): void;
  reject(spotId: number): void;
  transactions: Map<string, Transaction>;
  spots: Map<number, Spot & { locationId: number; orderKey?: string }>;
  /** Makes the next call of `method` fail; `afterCommit` applies it first (a dropped response). */
  failNext(method: keyof WalletPort, error: TillKitError, afterCommit?: boolean): void;
}

export function createFakeWallet(
  locations: number,
  spotsPerLocation: number,
  clock: () => number = Date.now,
): FakeWallet {
  const spots: FakeWallet['spots'] = new Map();
  const transactions = new Map<string, Transaction>();
  for (let l = 1; l <= locations; l++) {
    for (let s = 1; s <= spotsPerLocation; s++) {
      const id = l * 1000 + s;
      spots.set(id, { id, status: 'free', identifier: `t${s}`, locationId: l });
    }
  }
  const faults = new Map<string, { error: TillKitError; afterCommit: boolean }>();
  let seq = 0;
  let paymentSeq = 0;
  const requestTimes: number[] = [];
  const calls: string[] = [];
  const track = async <T>(method: keyof WalletPort, fn: () => T): Promise<T> => {
    requestTimes.push(clock());
    calls.push(method);
    const fault = faults.get(method);
    if (fault) {
      faults.delete(method);
      if (fault.afterCommit) fn();
      throw fault.error;
    }
    return fn();
  };
  const tx = (key: string) => {
    const t = transactions.get(key);
    if (!t) throw new TillKitError('NOT_FOUND', `no transaction ${key}`);
    return t;
  };
  const payment = (id: number): WalletPayment => {
    for (const t of transactions.values()) {
      const p = t.payments.find((x) => x.id === id);
      if (p) return p;
    }
    throw new TillKitError('NOT_FOUND', `no payment ${id}`);
  };
  // Only a confirmed (frozen) payment can still be cancelled or finalized, as on the real API.
  const settle = (id: number, status: 'done' | 'canceled', price?: number): WalletPayment => {
    const p = payment(id);
    if (p.status !== 'confirmed') throw new TillKitError('INVALID_STATE', `payment is ${p.status}`);
    p.status = status;
    if (price !== undefined) {
      p.price = price;
      p.price_decimal = toDecimalString(price, p.currency);
    }
    return structuredClone(p);
  };
  const spotOf = (id: number) => {
    const s = spots.get(id);
    if (!s) throw new TillKitError('NOT_FOUND', `no spot ${id}`);
    return s;
  };
  const publicSpot = ({
    locationId: _,
    orderKey,
    ...s
  }: Spot & { locationId: number; orderKey?: string }): Spot =>
    orderKey === undefined
      ? s
      : { ...s, orders: [{ id: s.id, transaction_key: orderKey, status: 'pending' }] };
  return {
    requestTimes,
    calls,
    transactions,
    spots,
    failNext(method, error, afterCommit = false) {
      faults.set(method, { error, afterCommit });
    },
    scan(spotId) {
      spotOf(spotId).status = 'waiting';
    },
    pay(spotId) {
      const key = spotOf(spotId).orderKey;
      if (key) tx(key).status = 'reserved';
    },
    reject(spotId) {
      const key = spotOf(spotId).orderKey;
      if (key) tx(key).status = 'rejected';
    },
    listWaitingSpots: (ids) =>
      track('listWaitingSpots', () =>
        [...spots.values()]
          .filter((s) => s.status === 'waiting' && ids.includes(s.locationId))
          .map(publicSpot),
      ),
    getSpot: (id) => track('getSpot', () => publicSpot(spotOf(id))),
    listLocationSpots: (id) =>
      track('listLocationSpots', () =>
        [...spots.values()].filter((s) => s.locationId === id).map(publicSpot),
      ),
    listTransactions: (q) =>
      track('listTransactions', () => {
        const statuses = q.status.split(',');
        const all = [...transactions.values()].filter(
          (t) => statuses.includes(t.status) && (q.from === undefined || t.created_at >= q.from),
        );
        const offset = q.offset ?? 0;
        return { transactions: all.slice(offset, offset + (q.limit ?? 20)), total: all.length };
      }),
    getTransaction: (key) => track('getTransaction', () => structuredClone(tx(key))),
    createTransaction: (input: CreateTransactionInput) =>
      track('createTransaction', () => {
        const key = `tx${++seq}`;
        const t: Transaction = {
          transaction_key: key,
          created_at: Math.floor(clock() / 1000),
          status: 'new',
          payments: input.payments.map((p) => {
            const price = priceCents(p);
            const payment: WalletPayment = {
              id: ++paymentSeq,
              transaction_key: key,
              created_at: Math.floor(clock() / 1000),
              status: 'new',
              price,
              price_decimal: toDecimalString(price, p.currency),
              currency: p.currency,
              description: p.description,
              freeze_for: p.freeze_for ?? 0,
            };
            if (p.parameters !== undefined) payment.parameters = p.parameters;
            return payment;
          }),
        };
        transactions.set(key, t);
        return structuredClone(t);
      }),
    attachOrder: (spotId, key) =>
      track('attachOrder', (): SpotOrder => {
        const s = spotOf(spotId);
        if (s.orderKey === key) throw new TillKitError('CONFLICT', 'already attached');
        s.orderKey = key;
        return { id: spotId, transaction_key: key, status: 'pending' };
      }),
    confirmTransaction: (key, _scope, prices) =>
      track('confirmTransaction', () => {
        const t = tx(key);
        if (t.status !== 'reserved') throw new TillKitError('INVALID_STATE', `transaction is ${t.status}`);
        for (const p of t.payments) {
          const lower = prices?.[String(p.id)];
          if (lower !== undefined && (lower.price > p.price || lower.currency !== p.currency))
            throw new TillKitError('VALIDATION_FAILED', `price of payment ${p.id} may only be lowered`);
        }
        t.status = 'confirmed';
        for (const p of t.payments) {
          p.price = prices?.[String(p.id)]?.price ?? p.price;
          p.price_decimal = toDecimalString(p.price, p.currency);
          p.status = (p.freeze_for ?? 0) > 0 ? 'confirmed' : 'done';
        }
        return structuredClone(t);
      }),
    cancelPayment: (id) => track('cancelPayment', () => settle(id, 'canceled')),
    finalizePayment: (id, price) =>
      track('finalizePayment', () => {
        const p = payment(id);
        if (price !== undefined && (price.amount > p.price || price.currency !== p.currency))
          throw new TillKitError('VALIDATION_FAILED', `final price of payment ${id} may only be lower`);
        return settle(id, 'done', price?.amount);
      }),
    revokeTransaction: (key) =>
      track('revokeTransaction', () => {
        const t = tx(key);
        if (t.status === 'confirmed') throw new TillKitError('INVALID_STATE', 'confirmed');
        t.status = 'revoked';
        return structuredClone(t);
      }),
    closeSpot: (spotId) =>
      track('closeSpot', () => {
        const s = spotOf(spotId);
        s.status = 'free';
        delete s.orderKey;
      }),
  };
}
