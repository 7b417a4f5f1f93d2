// What every e2e case gets from the suite: the store/admin API of the running Medusa app, its container,
// the seeded shop and the sandbox, plus the assertions several cases share.
import { expect } from '@jest/globals';
import type { MedusaContainer } from '@medusajs/framework/types';
import type { PaymentAttempt } from '@tillkit/checkout';
import type { Sandbox } from '@tillkit/sandbox';
import { defaultCheckout } from '../../src/runtime.ts';
import { until } from './customer.ts';
import { adminOrder, type Shop } from './shop.ts';

export interface Ctx {
  api: any;
  container(): MedusaContainer;
  shop(): Shop;
  sandbox(): Sandbox;
}

export const checkout = () => defaultCheckout();

export async function attempt(id: string): Promise<PaymentAttempt> {
  const found = await checkout().get(id);
  if (!found) throw new Error(`no attempt ${id}`);
  return found;
}

/**
 * Waits for the admin order to reach a payment status; for `captured`, also for its transaction (the
 * workflow records it a step after the capture).
 */
export async function orderWithPaymentStatus(ctx: Ctx, orderId: string, status: string) {
  return until(`order ${orderId} ${status}`, async () => {
    const order = await adminOrder(ctx.api, ctx.shop(), orderId);
    if (order.payment_status !== status) return undefined;
    return status !== 'captured' || order.summary.pending_difference === 0 ? order : undefined;
  });
}

/** The order id a completed cart became. */
export async function orderOfCart(ctx: Ctx, cartId: string): Promise<string> {
  return until(`the order of cart ${cartId}`, async () => {
    const { data } = await ctx
      .container()
      .resolve('query')
      .graph({
        entity: 'order_cart',
        fields: ['order_id'],
        filters: { cart_id: cartId },
      });
    return data[0]?.order_id as string | undefined;
  });
}

/** Receipts in the sandbox's fiskaltrust journal under this reference. */
export function journalReceipts(ctx: Ctx, reference: string) {
  const { cashBoxId } = ctx.sandbox().credentials.fiskaltrust;
  return ctx
    .sandbox()
    .control.fiskaltrust.journal(cashBoxId)
    .receipts.filter((r) => r.cbReceiptReference === reference);
}

/** Exactly one signed sale receipt in the journal, its number on the order's metadata. */
export async function expectOneReceiptOnOrder(ctx: Ctx, orderId: string) {
  const order = await until('the receipt on the order', async () => {
    const o = await adminOrder(ctx.api, ctx.shop(), orderId);
    return o.metadata?.tillkit_receipt_id ? o : undefined;
  });
  const reference = order.metadata.tillkit_receipt_reference as string;
  expect(journalReceipts(ctx, reference)).toHaveLength(1);
  return order;
}

export const confirms = (ctx: Ctx) => ctx.sandbox().control.count('PUT /rest/v1/transaction/*/confirm');
