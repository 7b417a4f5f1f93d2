import { createHash } from 'node:crypto';
import { Money, parseOrThrow, TillKitError, type Transaction, toTillKitError } from '@tillkit/models';
import type { Checkout } from '@tillkit/paysera';
import { z } from 'zod';
import { signJob } from './receipts/sign-jobs.ts';
import { type AttemptRecord, isPaid, type RefundRecord, type ServiceContext } from './records.ts';
import type { Batch, Job } from './store/port.ts';
import type { Refund, RefundInput } from './types.ts';

// Refunds through the Wallet API, as it offers them (specs/paysera.md §6.4): only while the confirmed
// payment is still frozen. The whole payment back is `DELETE /payment/{id}`; part of it is
// `PUT /payment/{id}/finalize` at the lower price, which settles the payment, so there is one partial refund
// at most. Each refund is recorded before it is sent and read back after an unclear answer, so it happens
// once; each one that happens gets one refund receipt.

const RefundSchema = z.strictObject({
  idempotencyKey: z.string().min(1).max(255),
  amount: Money.optional(),
  reason: z.string().max(500).optional(),
});

/** Re-check a pending refund after this long: its sender has answered or died by then. */
const VERIFY_AFTER_MS = 120_000;

const refundIdOf = (attemptId: string, key: string) =>
  `rf_${createHash('sha256').update(`${attemptId}\u0000${key}`).digest('base64url').slice(0, 22)}`;

const notSupported = (why: string) => new TillKitError('REFUND_NOT_SUPPORTED', why);

export async function refundAttempt(
  ctx: ServiceContext,
  attemptId: string,
  raw: RefundInput,
): Promise<Refund> {
  const input = parseOrThrow(RefundSchema, raw, 'refund');
  const id = refundIdOf(attemptId, input.idempotencyKey);
  const existing = await ctx.store.get<RefundRecord>('refunds', id);
  if (existing) {
    if (input.amount && input.amount.amount !== existing.value.amount.amount)
      throw new TillKitError('CONFLICT', 'This idempotency key was used for another refund amount', {
        issues: [{ path: 'amount', message: 'differs from the first request with this key' }],
      });
    return refundView(ctx, existing.value);
  }
  const attempt = (await ctx.store.get<AttemptRecord>('attempts', attemptId))?.value;
  const checkout = await ctx.engine.getCheckout(attemptId);
  if (!attempt || !checkout) throw new TillKitError('NOT_FOUND', 'No payment attempt with this id');
  if (!isPaid(checkout)) throw new TillKitError('INVALID_STATE', 'Only a confirmed payment can be refunded');
  const earlier = await refundsOf(ctx, attemptId);
  const { plan, amount } = planRefund(ctx, attempt, checkout, earlier, input.amount);
  const index = await ctx.store.get<{ refundIds: string[] }>('index', `refunds:${attemptId}`);
  const record: RefundRecord = {
    id,
    attemptId,
    idempotencyKey: input.idempotencyKey,
    amount: { amount, currency: attempt.amount.currency },
    ...(input.reason === undefined ? {} : { reason: input.reason }),
    status: 'pending',
    method: plan.method,
    createdAt: ctx.clock(),
  };
  const recorded = await ctx.store.commit({
    writes: [
      { collection: 'refunds', id, expectVersion: 0, value: record },
      {
        collection: 'index',
        id: `refunds:${attemptId}`,
        expectVersion: index?.version ?? 0,
        value: { refundIds: [...(index?.value.refundIds ?? []), id] },
      },
    ],
    jobs: [
      {
        key: `refund.verify:${id}`,
        kind: 'refund.verify',
        payload: { refundId: id },
        runAt: ctx.clock() + VERIFY_AFTER_MS,
      },
    ],
  });
  // Lost a race with another refund of this attempt: start over, so its amount is taken into account.
  if (!recorded) return refundAttempt(ctx, attemptId, raw);
  const paymentId = checkout.paymentId ?? (await paymentIdOf(ctx, checkout));
  try {
    if (plan.method === 'cancel') await ctx.wallet.cancelPayment(paymentId);
    else
      await ctx.wallet.finalizePayment(paymentId, {
        amount: plan.finalPrice,
        currency: attempt.amount.currency,
      });
  } catch (error) {
    const e = toTillKitError(error);
    ctx.logger.warn?.('refund answer unclear or refused; reading the payment', {
      refundId: id,
      code: e.code,
      message: e.message,
    });
    return settleFromWallet(ctx, id, e);
  }
  return complete(ctx, id, 'succeeded');
}

type Plan = { method: 'cancel' } | { method: 'finalize'; finalPrice: number };

function planRefund(
  ctx: ServiceContext,
  attempt: AttemptRecord,
  checkout: Checkout,
  earlier: RefundRecord[],
  requested: Money | undefined,
): { plan: Plan; amount: number } {
  if (!attempt.refundWindowHours)
    throw notSupported(
      'Payments are taken without a refund window (refundWindowHours is 0): refund outside the Wallet API',
    );
  const confirmedAt = checkout.confirmRequestedAt ?? checkout.updatedAt;
  if (ctx.clock() >= confirmedAt + attempt.refundWindowHours * 3_600_000)
    throw notSupported('The refund window of this payment is over: the money has settled');
  if (earlier.some((r) => r.method === 'finalize' && r.status !== 'failed'))
    throw notSupported(
      'A partial refund settled this payment: nothing more can be returned through the Wallet API',
    );
  if (earlier.some((r) => r.status === 'pending'))
    throw new TillKitError('INVALID_STATE', 'Another refund of this payment is still being processed', {
      retryable: true,
    });
  const captured = checkout.capturedAmount ?? attempt.amount.amount;
  const amount = requested?.amount ?? captured;
  if (requested && requested.currency !== attempt.amount.currency)
    throw new TillKitError('VALIDATION_FAILED', 'The refund currency must be the payment currency', {
      issues: [{ path: 'amount.currency', message: `must be ${attempt.amount.currency}` }],
    });
  if (!Number.isSafeInteger(amount) || amount <= 0 || amount > captured)
    throw new TillKitError('VALIDATION_FAILED', `A refund must be from 1 to ${captured} minor units`, {
      issues: [{ path: 'amount.amount', message: `must be between 1 and ${captured}` }],
    });
  return {
    plan: amount === captured ? { method: 'cancel' } : { method: 'finalize', finalPrice: captured - amount },
    amount,
  };
}

async function paymentIdOf(ctx: ServiceContext, c: Checkout): Promise<number> {
  const id = (await ctx.wallet.getTransaction(c.transactionKey as string)).payments?.[0]?.id;
  if (id === undefined) throw new TillKitError('INVALID_RESPONSE', 'The transaction has no payment id');
  return id;
}

/** Whether the Wallet shows the refund applied: the payment cancelled, or settled at the lower price. */
function applied(tx: Transaction, r: RefundRecord, captured: number): boolean | undefined {
  const p = tx.payments?.[0];
  if (!p) return undefined;
  if (r.method === 'cancel')
    return p.status === 'canceled' ? true : p.status === 'confirmed' ? false : undefined;
  if (p.status === 'done') return p.price === captured - r.amount.amount;
  return p.status === 'confirmed' ? false : undefined;
}

/** Reads the payment after an unclear or refused answer and records what it shows. */
async function settleFromWallet(ctx: ServiceContext, id: string, cause?: TillKitError): Promise<Refund> {
  const r = (await ctx.store.get<RefundRecord>('refunds', id))?.value as RefundRecord;
  const checkout = (await ctx.engine.getCheckout(r.attemptId)) as Checkout;
  const tx = await ctx.wallet.getTransaction(checkout.transactionKey as string);
  const done = applied(tx, r, checkout.capturedAmount ?? r.amount.amount);
  if (done === true) return complete(ctx, id, 'succeeded');
  if (done === false) {
    const failure = cause
      ? { code: cause.code, message: 'The Wallet API refused the refund' }
      : { code: 'NOT_SENT', message: 'The refund was never sent' };
    return complete(ctx, id, 'failed', failure);
  }
  return complete(ctx, id, 'failed', {
    code: 'REFUND_NOT_SUPPORTED',
    message: `The payment is ${tx.payments?.[0]?.status ?? 'gone'}`,
  });
}

async function complete(
  ctx: ServiceContext,
  id: string,
  status: 'succeeded' | 'failed',
  failure?: { code: string; message: string },
): Promise<Refund> {
  for (let i = 0; i < 5; i++) {
    const doc = await ctx.store.get<RefundRecord>('refunds', id);
    if (!doc) throw new TillKitError('NOT_FOUND', `No refund ${id}`);
    if (doc.value.status !== 'pending') return refundView(ctx, doc.value);
    const attempt = (await ctx.store.get<AttemptRecord>('attempts', doc.value.attemptId))
      ?.value as AttemptRecord;
    const next: RefundRecord = { ...doc.value, status, ...(failure ? { failure } : {}) };
    const now = ctx.clock();
    const batch: Batch = { writes: [{ collection: 'refunds', id, expectVersion: doc.version, value: next }] };
    if (status === 'succeeded') {
      batch.jobs = [signJob('refund', id, new Date(now).toISOString(), now)];
      batch.events = [
        {
          key: `${id}:refunded`,
          type: 'refunded',
          attemptId: doc.value.attemptId,
          orderRef: attempt.orderRef,
          at: now,
          data: { refundId: id, amount: next.amount.amount, currency: next.amount.currency },
        },
      ];
    }
    if (await ctx.store.commit(batch)) return refundView(ctx, next);
  }
  throw new TillKitError('CONFLICT', `Refund ${id} keeps changing`, { retryable: true });
}

/** The `refund.verify` job: a refund still pending long after it was recorded is read back, never re-sent. */
export async function runRefundVerifyJob(ctx: ServiceContext, job: Job): Promise<void> {
  const { refundId } = job.payload as { refundId: string };
  const r = await ctx.store.get<RefundRecord>('refunds', refundId);
  if (r?.value.status === 'pending') await settleFromWallet(ctx, refundId);
}

export async function refundsOf(ctx: ServiceContext, attemptId: string): Promise<RefundRecord[]> {
  const index = await ctx.store.get<{ refundIds: string[] }>('index', `refunds:${attemptId}`);
  const docs = await Promise.all(
    (index?.value.refundIds ?? []).map((id) => ctx.store.get<RefundRecord>('refunds', id)),
  );
  return docs.flatMap((d) => (d ? [d.value] : []));
}

export async function refundView(ctx: ServiceContext, r: RefundRecord): Promise<Refund> {
  const receipt = await ctx.store.get<{ state: 'pending' | 'signed' | 'failed' }>(
    'receipts',
    `refund:${r.id}`,
  );
  return {
    id: r.id,
    attemptId: r.attemptId,
    amount: r.amount,
    status: r.status,
    ...(r.reason === undefined ? {} : { reason: r.reason }),
    ...(r.failure === undefined ? {} : { failure: r.failure }),
    createdAt: new Date(r.createdAt).toISOString(),
    receipt: receipt?.value.state ?? (r.status === 'succeeded' ? 'pending' : 'none'),
  };
}
