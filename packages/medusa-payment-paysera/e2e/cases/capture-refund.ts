// Manual capture from the admin (a lower amount than authorized), partial and full refunds with their
// refund receipts.
import { describe, expect, it } from '@jest/globals';
import {
  attempt,
  type Ctx,
  checkout,
  journalReceipts,
  orderOfCart,
  orderWithPaymentStatus,
} from '../helpers/context.ts';
import { pay, until } from '../helpers/customer.ts';
import { answered, cartReady, payseraSession } from '../helpers/shop.ts';

async function paidOrder(ctx: Ctx, provider: string) {
  const cartId = await cartReady(ctx.api, ctx.shop(), 'eur');
  const { session } = await payseraSession(ctx.api, ctx.shop(), cartId, provider);
  await ctx.api.post(`/store/carts/${cartId}/complete`, {}, ctx.shop().storeHeaders);
  await pay(ctx.sandbox(), session.data['qrPayload']);
  return { orderId: await orderOfCart(ctx, cartId), attemptId: session.data['attemptId'] as string };
}

async function capturedPaymentId(ctx: Ctx, orderId: string): Promise<string> {
  const order = await orderWithPaymentStatus(ctx, orderId, 'captured');
  return order.payment_collections[0].payments[0].id as string;
}

/** One succeeded refund per amount, each with exactly one signed refund receipt in the journal. */
async function expectRefundReceipts(ctx: Ctx, attemptId: string, amounts: number[]) {
  const refunds = await checkout().refunds(attemptId);
  expect(refunds.map((r) => [r.amount.amount, r.status])).toEqual(amounts.map((a) => [a, 'succeeded']));
  for (const refund of refunds) {
    const receipt = await until('the refund receipt', async () => {
      const r = await checkout().refundReceipt(refund.id);
      return r.state === 'signed' ? r : undefined;
    });
    expect(journalReceipts(ctx, receipt.receipt.reference)).toHaveLength(1);
  }
}

export function captureRefundCases(ctx: Ctx) {
  describe('capture and refund', () => {
    it('manual capture: authorized when paid, captured later from the admin with a lower amount', async () => {
      const { orderId, attemptId } = await paidOrder(ctx, 'pp_paysera_manual');
      const authorized = await orderWithPaymentStatus(ctx, orderId, 'authorized');
      expect((await attempt(attemptId)).status).toBe('reserved');
      const paymentId = authorized.payment_collections[0].payments[0].id as string;
      const { status } = await ctx.api.post(
        `/admin/payments/${paymentId}/capture`,
        { amount: 15 },
        ctx.shop().adminHeaders,
      );
      expect(status).toBe(200);
      const captured = await attempt(attemptId);
      expect(captured.status).toBe('confirmed');
      expect(captured.capturedAmount).toEqual({ amount: 1500, currency: 'EUR' });
      await orderWithPaymentStatus(ctx, orderId, 'partially_captured');
    });

    it('a partial refund signs one refund receipt; the Wallet API then settles the rest, so a second is refused', async () => {
      const { orderId, attemptId } = await paidOrder(ctx, 'pp_paysera_paysera');
      const paymentId = await capturedPaymentId(ctx, orderId);
      await answered(
        ctx.api.post(`/admin/payments/${paymentId}/refund`, { amount: 5 }, ctx.shop().adminHeaders),
      );
      await orderWithPaymentStatus(ctx, orderId, 'partially_refunded');
      const second = await ctx.api
        .post(`/admin/payments/${paymentId}/refund`, { amount: 3 }, ctx.shop().adminHeaders)
        .catch((e: { response: { status: number; data: { code: string } } }) => e.response);
      expect(second.status).toBe(400);
      expect(second.data.code).toBe('REFUND_NOT_SUPPORTED');
      await expectRefundReceipts(ctx, attemptId, [500]);
    });

    it('a full refund signs one refund receipt and refunds the order', async () => {
      const { orderId, attemptId } = await paidOrder(ctx, 'pp_paysera_paysera');
      const paymentId = await capturedPaymentId(ctx, orderId);
      await answered(ctx.api.post(`/admin/payments/${paymentId}/refund`, {}, ctx.shop().adminHeaders));
      await orderWithPaymentStatus(ctx, orderId, 'refunded');
      expect((await attempt(attemptId)).refundedAmount).toEqual({ amount: 1800, currency: 'EUR' });
      await expectRefundReceipts(ctx, attemptId, [1800]);
    });
  });
}
