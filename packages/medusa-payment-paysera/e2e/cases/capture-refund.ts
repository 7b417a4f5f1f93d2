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
import { pay } from '../helpers/customer.ts';
import { cartReady, payseraSession } from '../helpers/shop.ts';

async function paidOrder(ctx: Ctx, provider: string) {
  const cartId = await cartReady(ctx.api, ctx.shop(), 'eur');
  const { session } = await payseraSession(ctx.api, ctx.shop(), cartId, provider);
  await ctx.api.post(`/store/carts/${cartId}/complete`, {}, ctx.shop().storeHeaders);
  await pay(ctx.sandbox(), session.data['qrPayload']);
  return { orderId: await orderOfCart(ctx, cartId), attemptId: session.data['attemptId'] as string };
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

    it('partial then full refund: each signs one refund receipt', async () => {
      const { orderId, attemptId } = await paidOrder(ctx, 'pp_paysera_paysera');
      const order = await orderWithPaymentStatus(ctx, orderId, 'captured');
      const paymentId = order.payment_collections[0].payments[0].id as string;
      await ctx.api.post(`/admin/payments/${paymentId}/refund`, { amount: 5 }, ctx.shop().adminHeaders);
      await orderWithPaymentStatus(ctx, orderId, 'partially_refunded');
      await ctx.api.post(`/admin/payments/${paymentId}/refund`, { amount: 13 }, ctx.shop().adminHeaders);
      await orderWithPaymentStatus(ctx, orderId, 'refunded');
      const refunds = await checkout().refunds(attemptId);
      expect(refunds.map((r) => r.amount.amount).sort((a, b) => a - b)).toEqual([500, 1300]);
      expect((await attempt(attemptId)).refundedAmount).toEqual({ amount: 1800, currency: 'EUR' });
      for (const refund of refunds) {
        const receipt = await checkout().refundReceipt(refund.id);
        expect(receipt.state).toBe('signed');
        if (receipt.state === 'signed')
          expect(journalReceipts(ctx, receipt.receipt.reference)).toHaveLength(1);
      }
    });
  });
}
