// The TillKit storefront contract on the store route /store/tillkit/graphql: a storefront starts the
// checkout of its Medusa cart, polls it until paid and receipted, and shows the signed receipt; a caller
// without the checkout's token learns nothing.
import { describe, expect, it } from '@jest/globals';
import { cartHeader } from '../../src/index.ts';
import {
  attempt,
  type Ctx,
  expectOneReceiptOnOrder,
  orderOfCart,
  orderWithPaymentStatus,
} from '../helpers/context.ts';
import { pay, until } from '../helpers/customer.ts';
import { webhookSecret } from '../helpers/env.ts';
import { cartReady } from '../helpers/shop.ts';

const route = '/store/tillkit/graphql';
const start = `mutation { tillkitStartCheckout(input: {}) {
  token checkout { id orderRef status qrPayload amount { amount currency } } } }`;
const poll = `query ($id: TillKitCheckoutId!, $token: TillKitCheckoutToken!) {
  tillkitCheckout(id: $id, token: $token) { id status paid pollAfterMs receiptStatus receipt { receiptId } } }`;
const receipt = `query ($id: TillKitCheckoutId!, $token: TillKitCheckoutToken!) {
  tillkitReceipt(checkoutId: $id, token: $token) { kind receiptId total { amount currency } lines { description } } }`;
const cancel = `mutation ($id: TillKitCheckoutId!, $token: TillKitCheckoutToken!) {
  tillkitCancelCheckout(id: $id, token: $token) { status } }`;

export function storefrontCases(ctx: Ctx) {
  /** One GraphQL request as a storefront sends it: publishable key and the cart header. */
  const gql = async (query: string, variables: Record<string, unknown>, cartId?: string, key = true) => {
    const headers: Record<string, string> = key ? { ...ctx.shop().storeHeaders.headers } : {};
    if (cartId) headers[cartHeader] = cartId;
    const res = await ctx.api.post(route, { query, variables }, { headers, validateStatus: () => true });
    return { status: res.status as number, body: res.data, text: JSON.stringify(res.data) };
  };
  const started = async (cartId: string) => {
    const { body } = await gql(start, {}, cartId);
    expect(body.errors).toBeUndefined();
    return body.data.tillkitStartCheckout as { token: string; checkout: Record<string, any> };
  };

  describe('storefront contract on /store/tillkit/graphql', () => {
    it('cart → tillkitStartCheckout → the customer pays → polled until paid and receipted → the order carries it', async () => {
      const cartId = await cartReady(ctx.api, ctx.shop(), 'eur');
      const { token, checkout } = await started(cartId);
      expect(checkout).toMatchObject({
        orderRef: cartId,
        status: 'AWAITING_SCAN',
        amount: { amount: 1800, currency: 'EUR' },
      });
      // One attempt per payment session: the cart's Paysera session is this checkout, and a repeated start
      // (a reload) returns it again.
      const { data } = await ctx.api.get(
        `/store/carts/${cartId}?fields=*payment_collection.payment_sessions`,
        ctx.shop().storeHeaders,
      );
      const sessions = data.cart.payment_collection.payment_sessions;
      expect(sessions.map((s: any) => [s.provider_id, s.data.attemptId])).toEqual([
        ['pp_paysera_paysera', checkout['id']],
      ]);
      expect((await started(cartId)).checkout['id']).toBe(checkout['id']);

      await pay(ctx.sandbox(), checkout['qrPayload']);
      const settled = await until(
        'the checkout paid and receipted',
        async () => {
          const { body } = await gql(poll, { id: checkout['id'], token }, cartId);
          expect(body.errors).toBeUndefined();
          return body.data.tillkitCheckout.pollAfterMs === 0 ? body.data.tillkitCheckout : undefined;
        },
        60_000,
      );
      expect(settled).toMatchObject({ status: 'CONFIRMED', paid: true, receiptStatus: 'SIGNED' });

      // Nobody completed the cart: the webhook path did, as for a session the storefront made itself.
      const orderId = await orderOfCart(ctx, cartId);
      await orderWithPaymentStatus(ctx, orderId, 'captured');
      const order = await expectOneReceiptOnOrder(ctx, orderId);
      expect(order.metadata.tillkit_receipt_id).toBe(settled.receipt.receiptId);
      expect(order.metadata.tillkit_attempt_id).toBe(checkout['id']);

      const signed = await gql(receipt, { id: checkout['id'], token }, cartId);
      expect(signed.body.errors).toBeUndefined();
      expect(signed.body.data.tillkitReceipt).toMatchObject({
        kind: 'SALE',
        receiptId: settled.receipt.receiptId,
        total: { amount: 1800, currency: 'EUR' },
      });
      expect(signed.body.data.tillkitReceipt.lines.map((l: any) => l.description)).toEqual([
        'Melange eur (Large)',
        'Standard',
      ]);
    });

    it('a missing or forged token, another cart’s token, no cart or no publishable key: refused, nothing leaked', async () => {
      const [cartA, cartB] = [
        await cartReady(ctx.api, ctx.shop(), 'eur'),
        await cartReady(ctx.api, ctx.shop(), 'eur', 2),
      ];
      const a = await started(cartA);
      const b = await started(cartB);
      const id = a.checkout['id'] as string;
      const forged = Buffer.alloc(32, 7).toString('base64url');
      const secrets = [
        a.token,
        a.checkout['qrPayload'],
        cartA,
        webhookSecret,
        ctx.sandbox().credentials.wallet.macKey,
        ctx.sandbox().credentials.fiskaltrust.accessToken,
      ];
      const refusals = [
        await gql(poll, { id, token: b.token }, cartB),
        await gql(poll, { id, token: forged }, cartA),
        await gql(receipt, { id, token: b.token }, cartB),
        await gql(cancel, { id, token: b.token }, cartB),
      ];
      for (const r of refusals) {
        // null, or the nullable field null: no data either way.
        expect(Object.values(r.body.data ?? {}).filter((v) => v !== null)).toEqual([]);
        expect(r.body.errors).toEqual([
          expect.objectContaining({
            message: 'No checkout with this id and token.',
            extensions: { code: 'NOT_FOUND' },
          }),
        ]);
        for (const s of secrets) expect(r.text).not.toContain(s);
      }
      // A token that is not there at all is refused by the schema, before any resolver runs.
      const missing = await gql(
        'query ($id: TillKitCheckoutId!) { tillkitCheckout(id: $id) { status } }',
        { id },
        cartA,
      );
      expect(missing.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(missing.body.data).toBeUndefined();
      expect(missing.text).not.toContain(a.checkout['qrPayload']);
      // No cart, a cart that does not exist, lines the cart does not hold.
      const noCart = await gql(start, {});
      expect(noCart.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: cartHeader });
      const unknown = await gql(start, {}, 'cart_01NOSUCHCART0000000000000');
      expect(unknown.body.errors[0]).toMatchObject({
        message: 'Not found.',
        extensions: { code: 'NOT_FOUND' },
      });
      const lines = await gql(
        'mutation { tillkitStartCheckout(input: { lines: [{ productId: "p1", quantity: 1 }] }) { token } }',
        {},
        cartA,
      );
      expect(lines.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.lines' });
      // Medusa's own rule for /store routes: no publishable key, no answer.
      const keyless = await gql(poll, { id, token: a.token }, cartA, false);
      expect(keyless.status).toBe(400);
      expect(keyless.text).not.toContain(a.checkout['qrPayload']);

      // Nothing of that touched cart A's checkout; its own token still works, and cancels it.
      expect((await attempt(id)).status).toBe('awaiting_scan');
      const own = await gql(cancel, { id, token: a.token }, cartA);
      expect(own.body.data.tillkitCancelCheckout.status).toBe('CANCELLED');
    });
  });
}
