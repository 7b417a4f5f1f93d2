// The TillKit storefront contract (`@tillkit/graphql`) on a Medusa store route, so the publishable key is
// required as on every /store route. The cart comes in the `x-tillkit-cart-id` header. Its Paysera payment
// session (made with Medusa's own workflows) is the one attempt a checkout pays, so a start returns that
// session's attempt and the webhook path completes the cart once it is paid, as for any other session.
import { randomBytes } from 'node:crypto';
import { container } from '@medusajs/framework';
import type { MedusaRequest, MedusaResponse } from '@medusajs/framework/http';
import { ContainerRegistrationKeys, Modules } from '@medusajs/framework/utils';
import { type CheckoutService, type PricedOrder, unpaidEnds } from '@tillkit/checkout';
import { createServer, type TillKitServer } from '@tillkit/graphql/yoga';
import { TillKitError } from '@tillkit/models';
import { first } from './medusa.ts';
import { type CartLike, cartFields, snapshotOfCart } from './order-snapshot.ts';
import { defaultCheckout } from './runtime.ts';

export const cartHeader = 'x-tillkit-cart-id';
type Session = { provider_id: string; data?: Record<string, unknown> };

const cartIdOf = (context: unknown): string | undefined => {
  const id = (context as { req?: MedusaRequest }).req?.headers[cartHeader];
  return typeof id === 'string' && /^cart_[0-9A-Za-z]{1,64}$/.test(id) ? id : undefined;
};

/** The cart's payment collection and the attempt of its Paysera session, if one is live or paid. */
async function sessionOf(checkout: CheckoutService, cartId: string, providerId: string) {
  const fields = ['id', 'payment_collection.id', 'payment_collection.payment_sessions.*'];
  const cart = await first('cart', fields, { id: cartId });
  if (!cart) throw new TillKitError('NOT_FOUND', 'No cart with this id');
  const collection = cart['payment_collection'] as { id: string; payment_sessions: Session[] } | null;
  for (const s of collection?.payment_sessions ?? []) {
    const id = s.provider_id === providerId ? s.data?.['attemptId'] : undefined;
    const attempt = typeof id === 'string' ? await checkout.get(id) : undefined;
    if (attempt && !unpaidEnds.has(attempt.status)) return { collectionId: collection?.id, attempt };
  }
  return { collectionId: collection?.id, attempt: undefined };
}

/** The cart priced as its session's attempt (the same key, amount and snapshot), the session made if needed. */
async function priceCart(
  checkout: CheckoutService,
  input: { lines?: unknown[] },
  context: unknown,
  providerId: string,
): Promise<PricedOrder> {
  const cartId = cartIdOf(context);
  const issue = input.lines
    ? { path: 'input.lines', message: 'must be left out: the Medusa cart holds the lines' }
    : !cartId && { path: cartHeader, message: 'send the Medusa cart id in this header' };
  if (issue || !cartId)
    throw new TillKitError('VALIDATION_FAILED', 'Not a cart', { issues: issue ? [issue] : [] });
  let found = await sessionOf(checkout, cartId, providerId);
  if (!found.attempt) {
    const workflows = container.resolve(Modules.WORKFLOW_ENGINE);
    if (!found.collectionId) {
      await workflows.run('create-payment-collection-for-cart', { input: { cart_id: cartId } });
      found = await sessionOf(checkout, cartId, providerId);
    }
    const input = { payment_collection_id: found.collectionId, provider_id: providerId };
    await workflows.run('create-payment-sessions', { input });
    found = await sessionOf(checkout, cartId, providerId);
  }
  const a = found.attempt;
  if (!a) throw new TillKitError('INTERNAL', `No ${providerId} session for cart ${cartId}`);
  const cart = (await first('cart', cartFields, { id: cartId })) as CartLike;
  return {
    orderRef: a.orderRef,
    amount: a.amount,
    order: snapshotOfCart(cart, a.amount),
    description: a.description,
    captureMode: a.captureMode,
    metadata: a.metadata,
    ...(a.metadata['key'] ? { idempotencyKey: a.metadata['key'] } : {}),
  };
}

/**
 * A GET and POST handler serving the contract at `path` (where its route file is) for the payment provider
 * `providerId`: `export { storeGraphql as GET, storeGraphql as POST } from '@tillkit/medusa-payment-paysera'`.
 */
export function storeGraphqlRoute(options: { path?: string; providerId?: string } = {}) {
  const providerId = options.providerId ?? 'pp_paysera_paysera';
  let built: { checkout: CheckoutService; server: TillKitServer } | undefined;
  return async (req: MedusaRequest, res: MedusaResponse): Promise<void> => {
    const checkout = defaultCheckout();
    // Built once per checkout service (a new one after stopCheckout), with its yoga limits and typed errors.
    if (built?.checkout !== checkout) {
      const logger = container.resolve(ContainerRegistrationKeys.LOGGER);
      const server = createServer({
        services: { checkout, orders: { priceOrder: (i, c) => priceCart(checkout, i, c, providerId) } },
        endpoint: options.path ?? '/store/tillkit/graphql',
        // The store route offers no merchant reads: their key is one nobody has.
        merchantApiKey: randomBytes(32).toString('hex'),
        clientIdFromContext: cartIdOf,
        onUnexpectedError: (e) => logger.error(`paysera: storefront GraphQL: ${String(e)}`),
      });
      built = { checkout, server };
    }
    await built.server.yoga(req, res, { req, res });
  };
}

export const storeGraphql = storeGraphqlRoute();
