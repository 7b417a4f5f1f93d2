// Medusa's webhook path: a duplicate signed event changes nothing, a forged or altered one is ignored.
import { describe, expect, it } from '@jest/globals';
import { Modules } from '@medusajs/framework/utils';
import { webhookFor } from '../../src/webhook.ts';
import { attempt, type Ctx, orderOfCart, orderWithPaymentStatus } from '../helpers/context.ts';
import { pay } from '../helpers/customer.ts';
import { webhookSecret } from '../helpers/env.ts';
import { cartReady, payseraSession } from '../helpers/shop.ts';

const provider = 'paysera_paysera';

export function webhookCases(ctx: Ctx) {
  describe('webhooks', () => {
    it('a duplicate confirmed event is a no-op: one payment, one capture, one transaction', async () => {
      const cartId = await cartReady(ctx.api, ctx.shop(), 'eur');
      const { session } = await payseraSession(ctx.api, ctx.shop(), cartId);
      await pay(ctx.sandbox(), session.data['qrPayload']);
      const orderId = await orderOfCart(ctx, cartId);
      await orderWithPaymentStatus(ctx, orderId, 'captured');
      const a = await attempt(session.data['attemptId']);
      const event = {
        seq: 0,
        key: `${a.id}:confirmed`,
        type: 'confirmed' as const,
        attemptId: a.id,
        orderRef: a.orderRef,
        at: Date.now(),
        data: {},
      };
      const bus = ctx.container().resolve(Modules.EVENT_BUS);
      for (let i = 0; i < 2; i++) {
        await bus.emit({
          name: 'payment.webhook_received',
          data: { provider, payload: webhookFor(webhookSecret, event) },
        });
      }
      // Over HTTP too: Medusa answers 200 at once and processes it later.
      const hook = webhookFor(webhookSecret, event);
      const http = await ctx.api.post(`/hooks/payment/${provider}`, hook.data, { headers: hook.headers });
      expect(http.status).toBe(200);
      await new Promise((r) => setTimeout(r, 6_000)); // the route's built-in 5 s webhook delay (platforms.md A1.7)
      const order = await orderWithPaymentStatus(ctx, orderId, 'captured');
      expect(order.payment_collections[0].payments).toHaveLength(1);
      expect(order.payment_collections[0].payments[0].captures).toHaveLength(1);
      expect(order.transactions).toHaveLength(1);
    });

    it('a forged or altered event is ignored: not_supported, and the session stays unpaid', async () => {
      const cartId = await cartReady(ctx.api, ctx.shop(), 'eur');
      const { session } = await payseraSession(ctx.api, ctx.shop(), cartId);
      const id = session.data['attemptId'] as string;
      const event = {
        seq: 0,
        key: `${id}:confirmed`,
        type: 'confirmed' as const,
        attemptId: id,
        orderRef: cartId,
        at: Date.now(),
        data: {},
      };
      const payments = ctx.container().resolve(Modules.PAYMENT);
      const forged = webhookFor('not-the-secret-not-the-secret-not-the-secret', event);
      const altered = webhookFor(webhookSecret, event);
      altered.rawData = Buffer.from(altered.rawData.toString().replace('confirmed', 'reserved'));
      for (const payload of [forged, altered, { ...forged, headers: {} }]) {
        const result = await payments.getWebhookActionAndData({ provider, payload });
        expect(result).toEqual({ action: 'not_supported' });
      }
      const http = await ctx.api.post(`/hooks/payment/${provider}`, forged.data, { headers: forged.headers });
      expect(http.status).toBe(200);
      const [s] = await payments.listPaymentSessions({ id: session.id });
      expect(s?.status).toBe('pending');
      expect((await attempt(id)).status).toBe('awaiting_scan');
    });
  });
}
