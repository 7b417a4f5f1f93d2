import { TillKitError, toTillKitError } from '@tillkit/models';
import { canTransition, type Step } from './machine.ts';
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
}

// Errors after which we cannot know whether the upstream applied the request: read before repeating.
const ambiguous = new Set([
  'NETWORK_ERROR',
  'TIMEOUT',
  'UPSTREAM_UNAVAILABLE',
  'INVALID_RESPONSE',
  'INTERNAL',
]);
const alreadyDone = new Set(['NOT_FOUND', 'INVALID_STATE', 'CONFLICT']);

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

function scopeOf(c: Checkout, ctx: StepContext): TransactionScope {
  return ctx.projectId === undefined
    ? { locationId: c.locationId }
    : { locationId: c.locationId, projectId: ctx.projectId };
}

/** Runs one step and returns the saved checkout. Throws a TillKitError when the step should be retried later. */
export async function runStep(step: Step, c: Checkout, ctx: StepContext): Promise<Checkout> {
  switch (step.kind) {
    case 'mark':
      return ctx.save(withStatus(c, step.status, ctx.now()));
    case 'create_transaction':
      return createTransaction(c, ctx);
    case 'attach_order':
      return attachOrder(c, ctx);
    case 'confirm':
      return confirm(c, ctx);
    case 'verify_confirm':
      return verifyConfirm(c, ctx);
    case 'expire':
      return expire(c, ctx);
    case 'close_spot':
      return closeSpot(c, ctx);
    case 'wait':
    case 'done':
      return c;
  }
}

async function createTransaction(c: Checkout, ctx: StepContext): Promise<Checkout> {
  // A previous attempt may have created the transaction and died before storing its key: look first.
  if (c.createRequestedAt !== undefined) {
    const found = await findTransactionOf(c, c.createRequestedAt, ctx);
    if (found) return ctx.save({ ...c, transactionKey: found, updatedAt: ctx.now() });
  }
  const intent = await ctx.save({ ...c, createRequestedAt: ctx.now(), updatedAt: ctx.now() });
  try {
    const tx = await ctx.wallet.createTransaction(
      {
        payments: [
          {
            description: c.description,
            price: c.amount.amount,
            currency: c.amount.currency,
            parameters: { orderid: c.orderId },
          },
        ],
      },
      scopeOf(c, ctx),
    );
    return ctx.save({ ...intent, transactionKey: tx.transaction_key, updatedAt: ctx.now() });
  } catch (error) {
    const e = toTillKitError(error);
    if (e.retryable || ambiguous.has(e.code)) throw e;
    return ctx.save(withStatus(intent, 'failed', ctx.now(), { failure: failureOf(e) }));
  }
}

/**
 * The key of the transaction created earlier for this order (`payments[0].parameters.orderid`), if any:
 * one listing of the statuses it can be in, bounded to transactions created since the request was made.
 */
async function findTransactionOf(
  c: Checkout,
  requestedAt: number,
  ctx: StepContext,
): Promise<string | undefined> {
  const from = Math.max(0, Math.floor(requestedAt / 1000) - ctx.listSlackSeconds);
  let offset = 0;
  for (;;) {
    const page = await ctx.wallet.listTransactions({
      status: 'new,waiting,reserved',
      limit: 200,
      offset,
      from,
    });
    const match = page.transactions.find((t) => String(t.payments[0]?.parameters?.['orderid']) === c.orderId);
    if (match) return match.transaction_key;
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
      return ctx.save(withStatus(c, 'failed', ctx.now(), { failure: failureOf(e) }));
    }
    // The attach may have committed (dropped response, or a repeat meeting a busy spot): the spot's orders say.
    const spot = await ctx.wallet.getSpot(c.spotId);
    if (!spot.orders?.some((o) => o.transaction_key === key)) throw e;
  }
  return ctx.save(withStatus(c, 'order_attached', ctx.now()));
}

async function confirm(c: Checkout, ctx: StepContext): Promise<Checkout> {
  const key = c.transactionKey as string;
  // Persist the intent first: whoever resumes this checkout reads the transaction instead of confirming again.
  const intent = await ctx.save({
    ...c,
    confirmRequestedAt: ctx.now(),
    confirmAttempts: c.confirmAttempts + 1,
    updatedAt: ctx.now(),
  });
  try {
    await ctx.wallet.confirmTransaction(key, scopeOf(c, ctx));
    return ctx.save(withStatus(intent, 'confirmed', ctx.now()));
  } catch (error) {
    // Committed-but-dropped, a timeout, or a 409 from a confirm that already went through: the transaction says which.
    return verifyConfirm(intent, ctx, toTillKitError(error));
  }
}

async function verifyConfirm(c: Checkout, ctx: StepContext, cause?: TillKitError): Promise<Checkout> {
  const tx = await ctx.wallet.getTransaction(c.transactionKey as string);
  const now = ctx.now();
  if (tx.status === 'confirmed') return ctx.save(withStatus(c, 'confirmed', now));
  if (tx.status === 'reserved') {
    // Not committed: clearing the intent makes the next round confirm again, which is now safe.
    const { confirmRequestedAt: _, ...rest } = c;
    const cleared = await ctx.save({ ...rest, updatedAt: now });
    if (cause && !cause.retryable && !ambiguous.has(cause.code) && cause.code !== 'INVALID_STATE') {
      return ctx.save(withStatus(cleared, 'failed', now, { failure: failureOf(cause) }));
    }
    if (cause) throw cause;
    return cleared;
  }
  if (tx.status === 'failed')
    return ctx.save(
      withStatus(c, 'failed', now, { failure: { code: 'INVALID_STATE', message: 'transaction failed' } }),
    );
  if (tx.status === 'rejected' || tx.status === 'revoked' || tx.status === 'deleted') {
    return ctx.save(
      withStatus(c, 'rejected', now, {
        failure: { code: 'INVALID_STATE', message: `transaction ${tx.status}` },
      }),
    );
  }
  throw new TillKitError('INVALID_STATE', `Transaction is ${tx.status} after a confirm; will read again`, {
    retryable: true,
  });
}

async function expire(c: Checkout, ctx: StepContext): Promise<Checkout> {
  const key = c.transactionKey as string;
  // The shopper may have paid in the last moment: a reserved transaction is confirmed, not revoked.
  const tx = await ctx.wallet.getTransaction(key);
  if (tx.status === 'reserved') return ctx.save(withStatus(c, 'reserved', ctx.now()));
  if (tx.status === 'confirmed') return ctx.save(withStatus(c, 'confirmed', ctx.now()));
  try {
    await ctx.wallet.revokeTransaction(key);
  } catch (error) {
    const e = toTillKitError(error);
    if (!alreadyDone.has(e.code)) throw e;
  }
  return ctx.save(withStatus(c, 'expired', ctx.now()));
}

async function closeSpot(c: Checkout, ctx: StepContext): Promise<Checkout> {
  try {
    await ctx.wallet.closeSpot(c.spotId);
  } catch (error) {
    const e = toTillKitError(error);
    // Any other error is retried on the next round, for as long as it takes: a spot left open blocks the table.
    if (!alreadyDone.has(e.code)) throw e;
  }
  const next = c.status === 'confirmed' ? withStatus(c, 'spot_closed', ctx.now()) : c;
  return ctx.save({ ...next, spotClosed: true, updatedAt: ctx.now() });
}

function failureOf(e: TillKitError): { code: string; message: string } {
  return { code: e.code, message: e.message };
}
