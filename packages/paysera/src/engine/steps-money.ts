import { type TillKitError, toTillKitError } from '@tillkit/models';
import {
  alreadyDone,
  ambiguous,
  failureOf,
  retryLater,
  type StepContext,
  scopeOf,
  withStatus,
} from './steps.ts';
import type { Checkout } from './types.ts';

// The steps that move or release the customer's money: confirm (exactly once), revoke (a reservation is
// always released on an unpaid end), and closing the spot. Every one reads the transaction before it
// concludes anything from an error, because a dropped answer may hide a committed change.

const releasedStatuses = new Set(['revoked', 'rejected', 'deleted', 'failed']);

export async function confirm(c: Checkout, ctx: StepContext): Promise<Checkout> {
  const key = c.transactionKey as string;
  // Persist the intent first: whoever resumes this checkout reads the transaction instead of confirming again.
  // A cancel recorded in between makes this save fail (version), and the next round revokes instead.
  const intent = await ctx.save({
    ...c,
    confirmRequestedAt: ctx.now(),
    confirmAttempts: c.confirmAttempts + 1,
    updatedAt: ctx.now(),
  });
  const amount = intent.captureRequested?.amount ?? intent.amount.amount;
  const lower =
    amount < intent.amount.amount && intent.paymentId !== undefined
      ? { [String(intent.paymentId)]: { price: amount, currency: intent.amount.currency } }
      : undefined;
  try {
    await ctx.wallet.confirmTransaction(key, scopeOf(c, ctx), lower);
    return ctx.save(withStatus(intent, 'confirmed', ctx.now(), { capturedAmount: amount }));
  } catch (error) {
    // Committed-but-dropped, a timeout, or a 409 from a confirm that already went through: the transaction says which.
    return verifyConfirm(intent, ctx, toTillKitError(error));
  }
}

export async function verifyConfirm(c: Checkout, ctx: StepContext, cause?: TillKitError): Promise<Checkout> {
  const tx = await ctx.wallet.getTransaction(c.transactionKey as string);
  const now = ctx.now();
  if (tx.status === 'confirmed') {
    const taken = tx.payments?.[0]?.price ?? c.captureRequested?.amount ?? c.amount.amount;
    return ctx.save(withStatus(c, 'confirmed', now, { capturedAmount: taken }));
  }
  if (tx.status === 'reserved') {
    // Not committed: clearing the intent makes the next round confirm again, which is now safe — up to a cap,
    // after which the reservation is released rather than held (a 4xx that never clears, a confirm that
    // keeps answering invalid_state).
    const { confirmRequestedAt: _, ...rest } = c;
    if (c.confirmAttempts >= ctx.maxConfirmAttempts) {
      const reason = cause ? failureOf(cause) : { code: 'INVALID_STATE', message: 'confirm did not take' };
      return ctx.save(withStatus(rest, 'failed', now, { failure: reason }));
    }
    const cleared = await ctx.save({ ...rest, updatedAt: now });
    if (cause) throw cause;
    return cleared;
  }
  if (releasedStatuses.has(tx.status)) {
    const status = tx.status === 'failed' ? 'failed' : 'rejected';
    return ctx.save(
      withStatus(c, status, now, {
        released: true,
        failure: { code: 'INVALID_STATE', message: `transaction ${tx.status}` },
      }),
    );
  }
  throw retryLater(`Transaction is ${tx.status} after a confirm; will read again`);
}

/** Past its expiry: a last-moment reservation still wins (automatic capture confirms it); otherwise revoke. */
export async function expire(c: Checkout, ctx: StepContext): Promise<Checkout> {
  const tx = await ctx.wallet.getTransaction(c.transactionKey as string);
  if (tx.status === 'reserved')
    return ctx.save(withStatus(c, 'reserved', ctx.now(), { reservedAt: ctx.now() }));
  if (tx.status === 'confirmed') return verifyConfirm(c, ctx);
  return revoke(c, ctx, 'expired');
}

/**
 * Revokes the transaction (`DELETE /transaction/{key}`; a reservation is released) and moves to `status`
 * (or keeps an unpaid end's status). Revoking twice is harmless: the second answer is read, not trusted.
 */
export async function revoke(
  c: Checkout,
  ctx: StepContext,
  status: 'cancelled' | 'expired' | 'failed' | undefined,
): Promise<Checkout> {
  const key = c.transactionKey as string;
  try {
    await ctx.wallet.revokeTransaction(key);
  } catch (error) {
    const e = toTillKitError(error);
    if (!alreadyDone.has(e.code) && !ambiguous.has(e.code)) throw e;
    const tx = await ctx.wallet.getTransaction(key).catch((readError: unknown) => {
      // Gone upstream (a transaction left `new` is deleted after a month): nothing is held.
      if (toTillKitError(readError).code === 'NOT_FOUND') return undefined;
      throw readError;
    });
    // The money was taken after all (a confirm this checkout never saw land): the truth wins, so it gets its receipt.
    if (tx?.status === 'confirmed') return verifyConfirm(c, ctx);
    if (tx !== undefined && !releasedStatuses.has(tx.status)) throw e;
  }
  const next = status === undefined || c.status === status ? c : withStatus(c, status, ctx.now());
  return ctx.save({ ...next, released: true, updatedAt: ctx.now() });
}

export async function closeSpot(c: Checkout, ctx: StepContext): Promise<Checkout> {
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
