import { lineTotal } from '@tillkit/fiscalization';
import {
  type CreateOrderInput,
  type PosOrder,
  TillKitError,
  toDecimalString,
  toTillKitError,
} from '@tillkit/models';
import type { Checkout, PosClient } from '@tillkit/paysera';
import { reduceLines, saleLines, totalOf } from './receipts/fiscal-order.ts';
import type { AttemptRecord, ReceiptRecord, ServiceContext } from './records.ts';
import type { Job } from './store/port.ts';

// Paysera POS sync: each paid attempt is recorded in the merchant's POS as an order, created and
// completed, so the POS dashboard and its documents match the online sales. The POS API has no
// idempotency key, so the order number is the attempt id (a duplicate number is a 409) and every step
// looks before it writes: a retry after a lost answer finds the order instead of creating a second one.

function posOrderOf(attempt: AttemptRecord, captured: number): CreateOrderInput {
  const currency = attempt.amount.currency;
  const lines = saleLines(attempt.order);
  const reduced = reduceLines(lines, totalOf(lines) - captured);
  const buyer = attempt.order.buyer;
  return {
    number: attempt.id,
    currency,
    orderPositions: reduced.map((l) => {
      const net = lineTotal(l.quantity, l.unitPrice) - (l.discount ?? 0);
      // POS prices are per unit: a discounted line is sent as one position at its total, so it adds up exactly.
      const exact = (l.discount ?? 0) === 0;
      return {
        name: l.description.slice(0, 255),
        quantity: exact ? l.quantity : 1,
        price: toDecimalString(exact ? l.unitPrice : net, currency),
        vatRate: l.vatRate,
        ...(l.productNumber ? { productId: l.productNumber } : {}),
      };
    }),
    payments: [{ paymentMethod: 'paysera', amount: toDecimalString(captured, currency) }],
    ...(buyer?.email ? { customer: { email: buyer.email } } : {}),
  };
}

async function findOrder(client: PosClient, number: string): Promise<PosOrder | undefined> {
  for await (const order of await client.listOrders({ numbers: [number] }))
    if (order.number === number) return order;
  return undefined;
}

export async function runPosSyncJob(ctx: ServiceContext, job: Job): Promise<void> {
  const pos = ctx.pos;
  if (!pos) return;
  const { attemptId } = job.payload as { attemptId: string };
  const attempt = (await ctx.store.get<AttemptRecord>('attempts', attemptId))?.value;
  const checkout = (await ctx.store.get<Checkout>('checkouts', attemptId))?.value;
  if (!attempt || !checkout)
    throw new TillKitError('NOT_FOUND', `No attempt ${attemptId} to record in the POS`);
  let order = await findOrder(pos.client, attemptId);
  if (!order) {
    try {
      order = await pos.client.createOrder(
        posOrderOf(attempt, checkout.capturedAmount ?? attempt.amount.amount),
      );
    } catch (error) {
      // Created by an earlier run whose answer was lost (409 on the number), or unclear: look again.
      order = await findOrder(pos.client, attemptId);
      if (!order) throw toTillKitError(error);
    }
  }
  if (order.status === 'pending') {
    try {
      order = await pos.client.completeOrder(order.id);
    } catch (error) {
      const again = await findOrder(pos.client, attemptId);
      if (again?.status !== 'completed') throw toTillKitError(error);
      order = again;
    }
  }
  await recordPosIds(ctx, attemptId, order.id);
}

/** Keeps the POS order id with the sale receipt (signed or not yet), so receipts and POS documents match. */
async function recordPosIds(ctx: ServiceContext, attemptId: string, orderId: string): Promise<void> {
  const id = `sale:${attemptId}`;
  for (let i = 0; i < 5; i++) {
    const doc = await ctx.store.get<ReceiptRecord>('receipts', id);
    const base: ReceiptRecord = doc?.value ?? { kind: 'sale', state: 'pending', generation: 0, attemptId };
    const value: ReceiptRecord = { ...base, pos: { ...base.pos, orderId } };
    if (
      await ctx.store.commit({
        writes: [{ collection: 'receipts', id, expectVersion: doc?.version ?? 0, value }],
      })
    )
      return;
  }
  throw new TillKitError('CONFLICT', `Receipt ${id} keeps changing`, { retryable: true });
}
