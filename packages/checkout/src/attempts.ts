import { randomBytes } from 'node:crypto';
import { buildReceipt } from '@tillkit/fiscalization';
import { Money, parseOrThrow, TillKitError } from '@tillkit/models';
import type { Checkout } from '@tillkit/paysera';
import { z } from 'zod';
import { saleLines, saleOrder, totalOf } from './receipts/fiscal-order.ts';
import {
  type AttemptRecord,
  isPaid,
  type OrderIndex,
  type ReceiptRecord,
  receiptKey,
  type ServiceContext,
} from './records.ts';
import type {
  AttemptStatus,
  OrderSnapshot,
  PaymentAttempt,
  ReceiptStatus,
  StartAttemptInput,
} from './types.ts';

// Starting a payment attempt: validated at the edge, checked against the order's other attempts, then
// recorded together with its order index in one compare-and-set write, so two concurrent starts for one
// order cannot both create a live attempt.

// Wallet-visible text: no control or bidi-override characters (a shopper must see what they pay for).
const visibleText = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .refine(
    (s) => !/[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u.test(s),
    'must be plain visible text',
  );

const Line = z.strictObject({
  description: visibleText,
  quantity: z.number().positive(),
  unitPrice: z.number().int().min(0),
  vatRate: z.number().min(0).max(100),
  discount: z.number().int().positive().optional(),
  kind: z.enum(['goods', 'service']).optional(),
  productNumber: z.string().min(1).max(255).optional(),
});

export const StartAttemptSchema = z.strictObject({
  orderRef: z.string().min(1).max(128),
  idempotencyKey: z.string().min(1).max(255).optional(),
  amount: Money.refine((m) => m.amount > 0, { message: 'must be positive', path: ['amount'] }),
  order: z.strictObject({
    lines: z.array(Line).min(1),
    shipping: z
      .array(
        z.strictObject({
          description: visibleText,
          amount: z.number().int().min(0),
          vatRate: z.number().min(0).max(100),
        }),
      )
      .optional(),
    buyer: z
      .strictObject({
        name: z.string().max(255).optional(),
        email: z.email().optional(),
        companyCode: z.string().max(64).optional(),
        vatCode: z.string().max(64).optional(),
        wantsInvoice: z.boolean().optional(),
      })
      .optional(),
  }),
  description: visibleText,
  captureMode: z.enum(['automatic', 'manual']).optional(),
  spotId: z.number().int().positive().optional(),
  metadata: z.record(z.string().max(64), z.string().max(1024)).optional(),
  replaceLive: z.boolean().optional(),
});

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url')}`;

export async function startAttempt(ctx: ServiceContext, raw: StartAttemptInput): Promise<PaymentAttempt> {
  const input = parseOrThrow(StartAttemptSchema, raw, 'attempt');
  // zod's output marks optional keys `| undefined`; the parsed object has them absent, as OrderSnapshot says.
  const order = input.order as OrderSnapshot;
  // Bad input loses nothing: the receipt this order would get is built (and balanced) before anything is stored.
  const linesTotal = totalOf(saleLines(order));
  if (linesTotal !== input.amount.amount)
    throw new TillKitError(
      'RECEIPT_UNBALANCED',
      `The order's lines add up to ${linesTotal}, not ${input.amount.amount}`,
      {
        issues: [{ path: 'amount.amount', message: `must equal the lines' total ${linesTotal}` }],
      },
    );
  buildReceipt(
    saleOrder({
      reference: 'validation',
      moment: new Date(ctx.clock()).toISOString(),
      currency: input.amount.currency,
      order,
      captured: input.amount.amount,
    }),
    { country: ctx.fiscal.country, cashBoxId: ctx.fiscal.cashBoxId },
  );
  for (let round = 0; round < 5; round++) {
    const existing = await findExisting(ctx, input);
    if (existing) return existing;
    const id = newId('att');
    const captureMode = input.captureMode ?? ctx.captureMode;
    // The engine checkout first: it claims the spot (the one thing that can be unavailable). A start that
    // crashes after it leaves a checkout nobody was shown; it expires on its own.
    await ctx.engine.startCheckout({
      orderId: input.orderRef,
      checkoutId: id,
      locationId: ctx.locationId,
      ...(input.spotId === undefined ? {} : { spotId: input.spotId }),
      amount: input.amount,
      description: input.description,
      captureMode,
      refundWindowHours: ctx.refundWindowHours,
    });
    const record: AttemptRecord = {
      id,
      orderRef: input.orderRef,
      ...(input.idempotencyKey === undefined ? {} : { idempotencyKey: input.idempotencyKey }),
      amount: input.amount,
      captureMode,
      description: input.description,
      order,
      metadata: input.metadata ?? {},
      refundWindowHours: ctx.refundWindowHours,
      createdAt: ctx.clock(),
    };
    const index = await ctx.store.get<OrderIndex>('index', `order:${input.orderRef}`);
    const ok = await ctx.store.commit({
      writes: [
        { collection: 'attempts', id, expectVersion: 0, value: record },
        {
          collection: 'index',
          id: `order:${input.orderRef}`,
          expectVersion: index?.version ?? 0,
          value: { attemptIds: [...(index?.value.attemptIds ?? []), id] },
        },
        ...(input.idempotencyKey === undefined
          ? []
          : [
              {
                collection: 'index' as const,
                id: `key:${input.idempotencyKey}`,
                expectVersion: 0,
                value: { attemptId: id },
              },
            ]),
      ],
    });
    if (ok) return viewOf(ctx, id);
    // Another start for this order (or key) won the race: give back our spot and read the winner.
    await ctx.engine.cancel(id).catch(() => {});
  }
  throw new TillKitError('CONFLICT', 'The order keeps changing; try again', { retryable: true });
}

async function findExisting(
  ctx: ServiceContext,
  input: z.output<typeof StartAttemptSchema>,
): Promise<PaymentAttempt | undefined> {
  const sameMoney = (a: PaymentAttempt) =>
    a.amount.amount === input.amount.amount && a.amount.currency === input.amount.currency;
  const conflict = (a: PaymentAttempt, why: string) =>
    new TillKitError('CONFLICT', `${why}: attempt ${a.id} is for ${a.amount.amount} ${a.amount.currency}`, {
      issues: [{ path: 'amount', message: 'differs from the existing attempt' }],
    });
  if (input.idempotencyKey !== undefined) {
    const key = await ctx.store.get<{ attemptId: string }>('index', `key:${input.idempotencyKey}`);
    if (key) {
      const a = await viewOf(ctx, key.value.attemptId);
      if (!sameMoney(a)) throw conflict(a, 'This idempotency key was used for another amount');
      return a;
    }
  }
  for (const a of await attemptsOf(ctx, input.orderRef)) {
    if (a.status === 'confirmed') throw paidAlready(input.orderRef, a.id);
    if (ended(a.status)) continue;
    // A live attempt: the same money is the same attempt (a repeated call); other money must not reuse it.
    if (sameMoney(a) && input.idempotencyKey === undefined) return a;
    if (input.replaceLive) {
      await replace(ctx, a, input.orderRef);
      continue;
    }
    if (!sameMoney(a)) throw conflict(a, `Order ${input.orderRef} has a live attempt; cancel it first`);
    throw new TillKitError(
      'CONFLICT',
      `Order ${input.orderRef} has a live attempt ${a.id} under another key`,
    );
  }
  return undefined;
}

const paidAlready = (orderRef: string, id: string) =>
  new TillKitError('CONFLICT', `Order ${orderRef} is already paid (${id})`);

// The cart changed (or a new session replaced the old one): the old attempt ends, releasing what it holds,
// before the new one starts. A cancel that loses to the customer's payment means the order is paid.
async function replace(ctx: ServiceContext, old: PaymentAttempt, orderRef: string): Promise<void> {
  try {
    await ctx.engine.cancel(old.id);
  } catch (e) {
    if (!(e instanceof TillKitError) || e.code !== 'INVALID_STATE') throw e;
  }
  const now = await viewOf(ctx, old.id);
  if (now.status === 'confirmed') throw paidAlready(orderRef, old.id);
  if (!ended(now.status))
    throw new TillKitError('CONFLICT', `Attempt ${old.id} of order ${orderRef} is still ending; try again`, {
      retryable: true,
    });
}

const ended = (s: AttemptStatus) =>
  s === 'cancelled' || s === 'expired' || s === 'rejected' || s === 'failed';

export async function attemptsOf(ctx: ServiceContext, orderRef: string): Promise<PaymentAttempt[]> {
  const index = await ctx.store.get<OrderIndex>('index', `order:${orderRef}`);
  return Promise.all((index?.value.attemptIds ?? []).map((id) => viewOf(ctx, id)));
}

export async function viewOf(ctx: ServiceContext, id: string): Promise<PaymentAttempt> {
  const view = await findView(ctx, id);
  if (!view) throw new TillKitError('NOT_FOUND', 'No payment attempt with this id');
  return view;
}

export async function findView(ctx: ServiceContext, id: string): Promise<PaymentAttempt | undefined> {
  const [attempt, checkout, receipt] = await Promise.all([
    ctx.store.get<AttemptRecord>('attempts', id),
    ctx.engine.getCheckout(id),
    ctx.store.get<ReceiptRecord>('receipts', receiptKey('sale', id)),
  ]);
  if (!attempt || !checkout) return undefined;
  const a = attempt.value;
  const refunded = await refundedOf(ctx, id);
  const view: PaymentAttempt = {
    id,
    orderRef: a.orderRef,
    status: statusOf(checkout),
    captureMode: a.captureMode,
    amount: a.amount,
    refundedAmount: { amount: refunded, currency: a.amount.currency },
    qrPayload: checkout.qr,
    spotCode: checkout.spotIdentifier,
    description: a.description,
    createdAt: new Date(a.createdAt).toISOString(),
    updatedAt: new Date(checkout.updatedAt).toISOString(),
    expiresAt: new Date(checkout.expiresAt).toISOString(),
    // No record yet but paid: the receipt job was recorded with the payment, so it is on its way.
    receipt: (receipt?.value.state ?? (isPaid(checkout) ? 'pending' : 'none')) as ReceiptStatus,
    metadata: a.metadata,
  };
  if (isPaid(checkout))
    view.capturedAmount = { amount: checkout.capturedAmount ?? a.amount.amount, currency: a.amount.currency };
  if (checkout.failure && view.status === 'failed') view.failure = safeFailure(checkout.failure.code);
  return view;
}

/** The shopper's status: a cancel recorded first is final for them, even while its revoke is on its way. */
export function statusOf(c: Checkout): AttemptStatus {
  if (isPaid(c)) return 'confirmed';
  if (c.cancelRequestedAt !== undefined || c.status === 'cancelled') return 'cancelled';
  return c.status as AttemptStatus;
}

// Upstream messages may carry paths and vendor detail; shoppers and merchants get the code and a fixed text.
function safeFailure(code: string): { code: string; message: string } {
  return { code, message: 'The payment could not be completed.' };
}

async function refundedOf(ctx: ServiceContext, attemptId: string): Promise<number> {
  const index = await ctx.store.get<{ refundIds: string[] }>('index', `refunds:${attemptId}`);
  let sum = 0;
  for (const id of index?.value.refundIds ?? []) {
    const r = await ctx.store.get<{ status: string; amount: Money }>('refunds', id);
    if (r?.value.status === 'succeeded') sum += r.value.amount.amount;
  }
  return sum;
}
