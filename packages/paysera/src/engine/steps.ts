import { TillKitError, toTillKitError } from '@tillkit/models';
import { canTransition, type MachineLimits, type Step } from './machine.ts';
import { closeSpot, confirm, expire, revoke, verifyConfirm } from './steps-money.ts';
import type { Checkout, CheckoutStatus } from './types.ts';
import type { TransactionScope, WalletPort } from './wallet-port.ts';

/** What a step needs: the (budgeted) Wallet API, a clock, and a compare-and-set save. */
export interface StepContext {
  wallet: WalletPort;
  now: () => number;
  /** Persists `next` (version + 1) or throws if another writer got there first. */
  save: (next: Checkout) => Promise<Checkout>;
  projectId?: number;
  /** How far before a create request the search for its transaction reaches (clock skew), in seconds. */
  listSlackSeconds: number;
  /** Confirms sent for one checkout before its reservation is released instead. */
  maxConfirmAttempts: number;
  /** Hours of Paysera's own reservation (`reserve_for`), sent explicitly. */
  reserveForHours: number;
  limits: MachineLimits;
  /** Sent as `callback_uri` on create. */
  callbackUri?: string;
}

// Errors after which we cannot know whether the upstream applied the request: read before repeating.
export const ambiguous = new Set([
  'NETWORK_ERROR',
  'TIMEOUT',
  'UPSTREAM_UNAVAILABLE',
  'INVALID_RESPONSE',
  'INTERNAL',
]);
export const alreadyDone = new Set(['NOT_FOUND', 'INVALID_STATE', 'CONFLICT']);

/** Returns the checkout moved to `status`, or throws if the move is illegal (a bug, not an upstream state). */
export function withStatus(
  c: Checkout,
  status: CheckoutStatus,
  now: number,
  patch: Partial<Checkout> = {},
): Checkout {
  if (c.status !== status && !canTransition(c.status, status)) {
    throw new Error(`Illegal checkout transition ${c.status} → ${status} (${c.id})`);
  }
  return { ...c, ...patch, status, updatedAt: now };
}

export function scopeOf(c: Checkout, ctx: StepContext): TransactionScope {
  return ctx.projectId === undefined
    ? { locationId: c.locationId }
    : { locationId: c.locationId, projectId: ctx.projectId };
}

/** Runs one step and returns the saved checkout. Throws a TillKitError when the step should be retried later. */
export async function runStep(step: Step, c: Checkout, ctx: StepContext): Promise<Checkout> {
  switch (step.kind) {
    case 'mark':
      return ctx.save(withStatus(c, step.status, ctx.now(), markPatch(c, step, ctx.now())));
    case 'create_transaction':
      return createTransaction(c, ctx);
    case 'find_transaction':
      return findLostTransaction(c, ctx);
    case 'attach_order':
      return attachOrder(c, ctx);
    case 'confirm':
      return confirm(c, ctx);
    case 'verify_confirm':
      return verifyConfirm(c, ctx);
    case 'expire':
      return expire(c, ctx);
    case 'revoke':
      return revoke(c, ctx, step.status);
    case 'release':
      return revoke(c, ctx, undefined);
    case 'close_spot':
      return closeSpot(c, ctx);
    case 'wait':
    case 'done':
      return c;
  }
}

function markPatch(c: Checkout, step: Extract<Step, { kind: 'mark' }>, now: number): Partial<Checkout> {
  if (step.status === 'reserved') return { reservedAt: now };
  // Seen confirmed without our confirm (or after a lost answer): the whole reserved amount was taken.
  if (step.status === 'confirmed') return { capturedAmount: c.captureRequested?.amount ?? c.amount.amount };
  return step.released ? { released: true } : {};
}

async function createTransaction(c: Checkout, ctx: StepContext): Promise<Checkout> {
  // A previous attempt may have created the transaction and died before storing its key: look first.
  if (c.createRequestedAt !== undefined) {
    const found = await findTransactionOf(c, c.createRequestedAt, ctx);
    if (found)
      return ctx.save({ ...c, transactionKey: found.key, ...paymentOf(found), updatedAt: ctx.now() });
  }
  const intent = await ctx.save({ ...c, createRequestedAt: ctx.now(), updatedAt: ctx.now() });
  try {
    const freeze = c.refundWindowHours ? { freeze_for: c.refundWindowHours } : {};
    const tx = await ctx.wallet.createTransaction(
      {
        // Paysera's defaults stay implicit nowhere: we confirm ourselves, within our own reservation window.
        auto_confirm: false,
        reserve_for: ctx.reserveForHours,
        ...(ctx.callbackUri === undefined ? {} : { callback_uri: ctx.callbackUri }),
        payments: [
          {
            description: c.description,
            price: c.amount.amount,
            currency: c.amount.currency,
            parameters: { orderid: c.orderId, checkoutid: c.id },
            ...freeze,
          },
        ],
      },
      scopeOf(c, ctx),
    );
    const paymentId = tx.payments?.[0]?.id;
    return ctx.save({
      ...intent,
      transactionKey: tx.transaction_key,
      ...(paymentId === undefined ? {} : { paymentId }),
      updatedAt: ctx.now(),
    });
  } catch (error) {
    const e = toTillKitError(error);
    if (e.retryable || ambiguous.has(e.code)) throw e;
    // Refused outright (4xx): nothing was created, so nothing is held.
    return ctx.save(withStatus(intent, 'failed', ctx.now(), { failure: failureOf(e), released: true }));
  }
}

/** An unpaid end whose create was never answered: find the transaction (then release it) or conclude there is none. */
async function findLostTransaction(c: Checkout, ctx: StepContext): Promise<Checkout> {
  const found = await findTransactionOf(c, c.createRequestedAt as number, ctx);
  if (found) return ctx.save({ ...c, transactionKey: found.key, ...paymentOf(found), updatedAt: ctx.now() });
  return ctx.save({ ...c, released: true, updatedAt: ctx.now() });
}

const paymentOf = (found: { paymentId?: number }) =>
  found.paymentId === undefined ? {} : { paymentId: found.paymentId };

/**
 * The transaction created earlier for this checkout, if any: one listing of the statuses it can be in,
 * bounded to transactions created since the request was made, matched on the checkout id (or, for records
 * written before checkout ids, the order id), the amount and the location.
 */
async function findTransactionOf(
  c: Checkout,
  requestedAt: number,
  ctx: StepContext,
): Promise<{ key: string; paymentId?: number } | undefined> {
  const from = Math.max(0, Math.floor(requestedAt / 1000) - ctx.listSlackSeconds);
  let offset = 0;
  for (;;) {
    const page = await ctx.wallet.listTransactions({
      status: 'new,waiting,reserved,confirmed',
      limit: 200,
      offset,
      from,
    });
    const match = page.transactions.find((t) => {
      const p = t.payments?.[0];
      const params = p?.parameters ?? {};
      const ours =
        params['checkoutid'] !== undefined
          ? String(params['checkoutid']) === c.id
          : String(params['orderid']) === c.orderId;
      return (
        ours &&
        p?.currency === c.amount.currency &&
        (p.price === undefined || p.price === c.amount.amount) &&
        (t.location_id === undefined || t.location_id === c.locationId)
      );
    });
    if (match) {
      const paymentId = match.payments?.[0]?.id;
      return paymentId === undefined
        ? { key: match.transaction_key }
        : { key: match.transaction_key, paymentId };
    }
    offset += page.transactions.length;
    if (page.transactions.length === 0 || offset >= page.total) return undefined;
  }
}

async function attachOrder(c: Checkout, ctx: StepContext): Promise<Checkout> {
  const key = c.transactionKey as string;
  try {
    await ctx.wallet.attachOrder(c.spotId, key);
  } catch (error) {
    const e = toTillKitError(error);
    if (!ambiguous.has(e.code) && !alreadyDone.has(e.code) && !e.retryable) {
      // The transaction exists and holds nothing yet; the unpaid end revokes it.
      return ctx.save(withStatus(c, 'failed', ctx.now(), { failure: failureOf(e) }));
    }
    // The attach may have committed (dropped response, or a repeat meeting a busy spot): the spot's orders say.
    const spot = await ctx.wallet.getSpot(c.spotId);
    if (!spot.orders?.some((o) => o.transaction_key === key)) throw e;
  }
  return ctx.save(withStatus(c, 'order_attached', ctx.now()));
}

export function failureOf(e: TillKitError): { code: string; message: string } {
  return { code: e.code, message: e.message };
}

export function retryLater(message: string): TillKitError {
  return new TillKitError('INVALID_STATE', message, { retryable: true });
}
