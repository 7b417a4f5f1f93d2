import { buildReceipt, buildSpecialReceipt, type FiscalOrder, operationIdFor } from '@tillkit/fiscalization';
import { isTillKitError, TillKitError } from '@tillkit/models';
import type { Checkout } from '@tillkit/paysera';
import {
  type AttemptRecord,
  type ReceiptKind,
  type ReceiptRecord,
  type RefundRecord,
  receiptJobKey,
  receiptKey,
  type ServiceContext,
} from '../records.ts';
import type { Job, NewEvent, NewJob } from '../store/port.ts';
import { refundOrder, saleLines, saleOrder } from './fiscal-order.ts';
import { toReceipt } from './view.ts';

// Receipt jobs: run under the operation id derived from the receipt and its generation, so a retry, a
// restart or a second worker replays fiskaltrust's stored result instead of signing twice. The body is
// rebuilt from the snapshot and the moment stored in the job, so it is the same bytes on every run.

export interface SignJobPayload {
  kind: ReceiptKind;
  /** attempt id, refund id or day */
  id: string;
  generation: number;
  /** The sale (or refund) moment, fixed when the job was recorded. */
  moment: string;
}

/** The job (and the pending receipt record) that signs a receipt; goes into the same commit as its cause. */
export function signJob(
  kind: ReceiptKind,
  id: string,
  moment: string,
  runAt: number,
  generation = 0,
): NewJob {
  const payload: SignJobPayload = { kind, id, generation, moment };
  return { key: receiptJobKey(kind, id, generation), kind: 'receipt.sign', payload, runAt };
}

export const operationIdOf = (p: SignJobPayload) =>
  operationIdFor(p.id, p.generation === 0 ? `sign:${p.kind}` : `sign:${p.kind}#${p.generation}`);

/** Errors no retry under the same id can clear: the job fails visibly and waits for an operator. */
const permanent = new Set([
  'VALIDATION_FAILED',
  'RECEIPT_UNBALANCED',
  'IDEMPOTENCY_CONFLICT',
  'INVALID_CONFIG',
  'NOT_FOUND',
]);
export const isPermanent = (code: string) => permanent.has(code);

async function fiscalOrderOf(
  ctx: ServiceContext,
  p: SignJobPayload,
): Promise<{ order: FiscalOrder; attemptId: string; orderRef: string; refundId?: string }> {
  if (p.kind === 'daily') throw new Error('daily receipts have no order');
  const attemptId = p.kind === 'sale' ? p.id : (await load<RefundRecord>(ctx, 'refunds', p.id)).attemptId;
  const attempt = await load<AttemptRecord>(ctx, 'attempts', attemptId);
  const checkout = await load<Checkout>(ctx, 'checkouts', attemptId);
  const captured = checkout.capturedAmount ?? attempt.amount.amount;
  const currency = attempt.amount.currency;
  if (p.kind === 'sale') {
    const order = saleOrder({
      reference: attemptId,
      moment: p.moment,
      currency,
      order: attempt.order,
      captured,
    });
    return { order, attemptId, orderRef: attempt.orderRef };
  }
  const refund = await load<RefundRecord>(ctx, 'refunds', p.id);
  const sale = saleOrder({
    reference: attemptId,
    moment: p.moment,
    currency,
    order: attempt.order,
    captured,
  });
  const order = refundOrder({
    reference: refund.id,
    previousReference: attemptId,
    moment: p.moment,
    currency,
    saleLines: sale.lines.length > 0 ? sale.lines : saleLines(attempt.order),
    amount: refund.amount.amount,
  });
  return { order, attemptId, orderRef: attempt.orderRef, refundId: refund.id };
}

async function load<T>(
  ctx: ServiceContext,
  collection: 'attempts' | 'checkouts' | 'refunds',
  id: string,
): Promise<T> {
  const doc = await ctx.store.get<T>(collection, id);
  if (!doc) throw new TillKitError('NOT_FOUND', `No ${collection.slice(0, -1)} ${id} for a receipt`);
  return doc.value;
}

const contextOf = (ctx: ServiceContext) => ({
  country: ctx.fiscal.country,
  cashBoxId: ctx.fiscal.cashBoxId,
  ...(ctx.fiscal.posSystemId === undefined ? {} : { posSystemId: ctx.fiscal.posSystemId }),
  ...(ctx.fiscal.terminalId === undefined ? {} : { terminalId: ctx.fiscal.terminalId }),
});

/** Fail states re-sent under a new generation before the receipt is failed for an operator. */
const MAX_FISCAL_GENERATIONS = 5;

/**
 * Runs one receipt job. A fiscal error state (ftState EEEE, nothing persisted by the queue) is stored by
 * fiskaltrust under its operation id and replayed forever, so it is re-sent under the next generation of the
 * id, with the same body, after a pause; anything else is retried by the runner under the same id.
 */
export async function runSignJob(ctx: ServiceContext, job: Job): Promise<void> {
  try {
    await signOnce(ctx, job);
  } catch (error) {
    const p = job.payload as SignJobPayload;
    if (!isTillKitError(error) || error.code !== 'FISCAL_ERROR' || p.generation + 1 >= MAX_FISCAL_GENERATIONS)
      throw error;
    ctx.logger.warn?.('fiscal error state; re-sending under the next operation id', {
      job: job.key,
      generation: p.generation,
    });
    const key = receiptKey(p.kind, p.id);
    const current = await ctx.store.get<ReceiptRecord>('receipts', key);
    const next: ReceiptRecord = {
      ...(current?.value ?? { kind: p.kind }),
      state: 'pending',
      generation: p.generation + 1,
    };
    const pause = 1000 * 2 ** p.generation;
    const written = await ctx.store.commit({
      writes: [{ collection: 'receipts', id: key, expectVersion: current?.version ?? 0, value: next }],
      jobs: [signJob(p.kind, p.id, p.moment, ctx.clock() + pause, p.generation + 1)],
    });
    if (!written)
      throw new TillKitError('CONFLICT', `Receipt ${key} changed while re-sending`, { retryable: true });
  }
}

async function signOnce(ctx: ServiceContext, job: Job): Promise<void> {
  const p = job.payload as SignJobPayload;
  const key = receiptKey(p.kind, p.id);
  const operationId = operationIdOf(p);
  if (p.kind === 'daily') {
    const request = buildSpecialReceipt(
      'daily-closing',
      { reference: `Z-${p.id}`, moment: p.moment },
      contextOf(ctx),
    );
    await ctx.fiscal.client.sign(request, { operationId });
    await finish(ctx, key, { kind: 'daily', state: 'signed', generation: p.generation, day: p.id }, []);
    return;
  }
  const { order, attemptId, orderRef, refundId } = await fiscalOrderOf(ctx, p);
  const result = await ctx.fiscal.client.sign(buildReceipt(order, contextOf(ctx)), { operationId });
  const receipt = toReceipt({
    kind: p.kind,
    attemptId,
    orderRef,
    ...(refundId === undefined ? {} : { refundId }),
    order,
    response: result.response,
    country: ctx.fiscal.country,
    shopName: ctx.shopName,
  });
  const record: ReceiptRecord = {
    kind: p.kind,
    state: 'signed',
    generation: p.generation,
    attemptId,
    ...(refundId === undefined ? {} : { refundId }),
    receipt,
  };
  const event: NewEvent = {
    key: `${refundId ?? attemptId}:receipt.signed`,
    type: 'receipt.signed',
    attemptId,
    orderRef,
    at: ctx.clock(),
    data: {
      kind: p.kind,
      receiptId: receipt.receiptId,
      reference: receipt.reference,
      ...(refundId ? { refundId } : {}),
    },
  };
  await finish(ctx, key, record, [event]);
}

export function posSyncJob(attemptId: string, now: number): NewJob {
  return { key: `pos:${attemptId}`, kind: 'pos.sync', payload: { attemptId }, runAt: now };
}

/** Records a permanent failure: visible on the receipt with its reason, announced as `receipt.failed`. */
export async function failSignJob(
  ctx: ServiceContext,
  job: Job,
  failure: { code: string; message: string },
): Promise<void> {
  const p = job.payload as SignJobPayload;
  const attempt =
    p.kind === 'daily'
      ? undefined
      : await ctx.store.get<AttemptRecord>(
          'attempts',
          p.kind === 'sale'
            ? p.id
            : ((await ctx.store.get<RefundRecord>('refunds', p.id))?.value.attemptId ?? ''),
        );
  const events: NewEvent[] = attempt
    ? [
        {
          key: `${p.id}:receipt.failed:g${p.generation}`,
          type: 'receipt.failed',
          attemptId: attempt.value.id,
          orderRef: attempt.value.orderRef,
          at: ctx.clock(),
          data: { kind: p.kind, code: failure.code },
        },
      ]
    : [];
  await finish(
    ctx,
    receiptKey(p.kind, p.id),
    {
      kind: p.kind,
      state: 'failed',
      generation: p.generation,
      failure,
      ...(attempt ? { attemptId: attempt.value.id } : {}),
    },
    events,
  );
}

async function finish(
  ctx: ServiceContext,
  key: string,
  record: ReceiptRecord,
  events: NewEvent[],
  jobs: NewJob[] = [],
): Promise<void> {
  for (let i = 0; i < 5; i++) {
    const current = await ctx.store.get<ReceiptRecord>('receipts', key);
    // A newer generation (an operator retry) owns the record now; an older run must not overwrite it.
    if (current && current.value.generation > record.generation) return;
    const merged = current ? { ...current.value, ...record } : record;
    if (
      await ctx.store.commit({
        writes: [{ collection: 'receipts', id: key, expectVersion: current?.version ?? 0, value: merged }],
        events,
        jobs,
      })
    )
      return;
  }
  throw new TillKitError('CONFLICT', `Receipt ${key} keeps changing`, { retryable: true });
}
