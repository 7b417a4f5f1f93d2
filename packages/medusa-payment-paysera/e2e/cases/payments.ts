// Scan-and-pay through Medusa's store API: the happy path to one signed receipt, a payment racing cart
// completion, a rejection, an amount change, a cancel before payment, a 0-decimal currency.
import { describe, expect, it } from '@jest/globals';
import {
  attempt,
  type Ctx,
  confirms,
  expectOneReceiptOnOrder,
  orderOfCart,
  orderWithPaymentStatus,
} from '../helpers/context.ts';
import { decline, pay, scanAndWaitForOrder, until } from '../helpers/customer.ts';
import { webhookSecret } from '../helpers/env.ts';
import { cartReady, payseraSession } from '../helpers/shop.ts';

export function paymentCases(ctx: Ctx) {
  describe('scan-and-pay', () => {
    it('cart → session → the customer pays → order captured with one signed receipt, its reference on the order', async () => {
      const { api, shop } = { api: ctx.api, shop: ctx.shop() };
      const cartId = await cartReady(api, shop, 'eur');
      const { session } = await payseraSession(api, shop, cartId);
      // 10.00 + 20 % VAT and 5.00 shipping + 20 % VAT.
      expect(session.amount).toBe(18);
      expect(Object.keys(session.data).sort()).toEqual(['attemptId', 'expiresAt', 'qrPayload', 'session_id']);
      const visible = JSON.stringify(session.data);
      for (const secret of [
        webhookSecret,
        ctx.sandbox().credentials.wallet.macKey,
        ctx.sandbox().credentials.fiskaltrust.accessToken,
      ]) {
        expect(visible).not.toContain(secret);
      }
      // The storefront completes the cart right away; the order waits for the payment (pending_authorization).
      const completed = await api.post(`/store/carts/${cartId}/complete`, {}, shop.storeHeaders);
      expect(completed.data.type).toBe('order');
      const orderId = completed.data.order.id as string;
      await orderWithPaymentStatus(ctx, orderId, 'awaiting');

      await pay(ctx.sandbox(), session.data['qrPayload']);
      const order = await orderWithPaymentStatus(ctx, orderId, 'captured');
      expect(order.transactions).toHaveLength(1);
      expect(order.summary.pending_difference).toBe(0);
      expect((await attempt(session.data['attemptId'])).capturedAmount).toEqual({
        amount: 1800,
        currency: 'EUR',
      });

      const withReceipt = await expectOneReceiptOnOrder(ctx, orderId);
      const { data } = await api.get(`/admin/paysera/orders/${orderId}/receipt`, shop.adminHeaders);
      expect(data.receipt.state).toBe('signed');
      expect(data.receipt.receipt.receiptId).toBe(withReceipt.metadata.tillkit_receipt_id);
      expect(data.receipt.receipt.total).toEqual({ amount: 1800, currency: 'EUR' });
    });

    it('a payment that lands before the storefront completes the cart: the webhook completes it, once', async () => {
      const { api, shop } = { api: ctx.api, shop: ctx.shop() };
      const cartId = await cartReady(api, shop, 'eur');
      const { session } = await payseraSession(api, shop, cartId);
      await pay(ctx.sandbox(), session.data['qrPayload']);
      // The storefront's complete races the webhook's processPaymentWorkflow (medusajs/medusa#13301).
      const completed = await api
        .post(`/store/carts/${cartId}/complete`, {}, shop.storeHeaders)
        .catch((e: any) => e.response);
      const orderId = await orderOfCart(ctx, cartId);
      if (completed.data.type === 'order') expect(completed.data.order.id).toBe(orderId);
      const order = await orderWithPaymentStatus(ctx, orderId, 'captured');
      expect(order.payment_collections[0].payments).toHaveLength(1);
      expect(order.payment_collections[0].payments[0].captures).toHaveLength(1);
      expect(order.transactions).toHaveLength(1);
      await expectOneReceiptOnOrder(ctx, orderId);
    });

    it('the customer rejects: the cart does not complete; a new session can be paid', async () => {
      const { api, shop } = { api: ctx.api, shop: ctx.shop() };
      const cartId = await cartReady(api, shop, 'eur');
      const first = await payseraSession(api, shop, cartId);
      await decline(ctx.sandbox(), first.session.data['qrPayload']);
      await until('the rejection', async () =>
        (await attempt(first.session.data['attemptId'])).status === 'rejected' ? true : undefined,
      );
      const refused = await api
        .post(`/store/carts/${cartId}/complete`, {}, shop.storeHeaders)
        .catch((e: any) => e.response);
      expect(refused.data.type).not.toBe('order');

      const second = await payseraSession(api, shop, cartId);
      expect(second.session.data['attemptId']).not.toBe(first.session.data['attemptId']);
      await pay(ctx.sandbox(), second.session.data['qrPayload']);
      const orderId = await orderOfCart(ctx, cartId);
      await orderWithPaymentStatus(ctx, orderId, 'captured');
    });

    it('the amount changes mid-checkout: the old attempt is cancelled, the new amount is paid', async () => {
      const { api, shop } = { api: ctx.api, shop: ctx.shop() };
      const cartId = await cartReady(api, shop, 'eur');
      const first = await payseraSession(api, shop, cartId);
      await api.post(
        `/store/carts/${cartId}/line-items`,
        { variant_id: shop.markets['eur']!.variantId, quantity: 1 },
        shop.storeHeaders,
      );
      const second = await payseraSession(api, shop, cartId);
      expect(second.session.amount).toBe(30);
      const old = await until('the old attempt cancelled', async () => {
        const a = await attempt(first.session.data['attemptId']);
        return a.status === 'cancelled' ? a : undefined;
      });
      expect(old.amount).toEqual({ amount: 1800, currency: 'EUR' });
      expect((await attempt(second.session.data['attemptId'])).amount).toEqual({
        amount: 3000,
        currency: 'EUR',
      });
      await pay(ctx.sandbox(), second.session.data['qrPayload']);
      const orderId = await orderOfCart(ctx, cartId);
      const order = await orderWithPaymentStatus(ctx, orderId, 'captured');
      expect(order.total).toBe(30);
    });

    it('cancel before payment: a customer who accepts afterwards is never charged', async () => {
      const { api, shop } = { api: ctx.api, shop: ctx.shop() };
      const cartId = await cartReady(api, shop, 'eur');
      const first = await payseraSession(api, shop, cartId);
      const spotId = await scanAndWaitForOrder(ctx.sandbox(), first.session.data['qrPayload']);
      const confirmsBefore = confirms(ctx);
      // A new session replaces the old one: Medusa deletes it, the provider cancels its attempt.
      await payseraSession(api, shop, cartId);
      await until('the cancel', async () =>
        (await attempt(first.session.data['attemptId'])).status === 'cancelled' ? true : undefined,
      );
      // The customer accepts anyway (refused once the spot is closed; revoked if it slipped in first).
      ctx.sandbox().control.wallet.accept(spotId);
      await until('the spot closed', () => {
        const r = ctx.sandbox().control.wallet.spot(spotId);
        return r.ok && r.spot.status === 'free' ? true : undefined;
      });
      expect(confirms(ctx)).toBe(confirmsBefore);
      expect((await attempt(first.session.data['attemptId'])).status).toBe('cancelled');
    });

    it('the session expires unpaid: the cart does not complete, a late accept is never charged', async () => {
      const { api, shop } = { api: ctx.api, shop: ctx.shop() };
      const cartId = await cartReady(api, shop, 'eur');
      const { session } = await payseraSession(api, shop, cartId);
      const spotId = await scanAndWaitForOrder(ctx.sandbox(), session.data['qrPayload']);
      const confirmsBefore = confirms(ctx);
      // The suite's checkouts live 30 s (checkoutTtlMs).
      await until(
        'the expiry',
        async () => ((await attempt(session.data['attemptId'])).status === 'expired' ? true : undefined),
        60_000,
      );
      ctx.sandbox().control.wallet.accept(spotId);
      const refused = await api
        .post(`/store/carts/${cartId}/complete`, {}, shop.storeHeaders)
        .catch((e: any) => e.response);
      expect(refused.data.type).not.toBe('order');
      await until('the spot closed', () => {
        const r = ctx.sandbox().control.wallet.spot(spotId);
        return r.ok && r.spot.status === 'free' ? true : undefined;
      });
      expect(confirms(ctx)).toBe(confirmsBefore);
    });

    it('a 0-decimal currency: JPY 1650 is 1650 minor units, paid and receipted', async () => {
      const { api, shop } = { api: ctx.api, shop: ctx.shop() };
      const cartId = await cartReady(api, shop, 'jpy');
      const { session } = await payseraSession(api, shop, cartId);
      expect(session.amount).toBe(1650);
      expect((await attempt(session.data['attemptId'])).amount).toEqual({ amount: 1650, currency: 'JPY' });
      await pay(ctx.sandbox(), session.data['qrPayload']);
      const orderId = await orderOfCart(ctx, cartId);
      await orderWithPaymentStatus(ctx, orderId, 'captured');
      await expectOneReceiptOnOrder(ctx, orderId);
    });
  });
}
