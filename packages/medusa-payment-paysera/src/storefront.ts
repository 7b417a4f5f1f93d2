// The TillKit storefront contract (`@tillkit/graphql`) on a Medusa store route, so the publishable key is
// required as on every /store route. The cart comes in the `x-tillkit-cart-id` header. Its Paysera payment
// session (made with Medusa's own workflows) is the one attempt a checkout pays, so a start hands over that
// session's attempt and the webhook path completes the cart once it is paid, as for any other session.
import { randomBytes } from 'node:crypto';
import { container } from '@medusajs/framework';
import type { MedusaRequest, MedusaResponse } from '@medusajs/framework/http';
import { ContainerRegistrationKeys, Modules } from '@medusajs/framework/utils';
import { type CheckoutService, type StartedAttempt, unpaidEnds } from '@tillkit/checkout';
import { createServer, type TillKitServer } from '@tillkit/graphql/yoga';
import { TillKitError } from '@tillkit/models';
import { first } from './medusa.ts';
import { defaultCheckout } from './runtime.ts';

export const cartHeader = 'x-tillkit-cart-id';

const cartIdOf = (context: unknown): string | undefined => {
  const id = (context as { req?: MedusaRequest }).req?.headers[cartHeader];
  return typeof id === 'string' && /^cart_[0-9A-Za-z]{1,64}$/.test(id) ? id : undefined;
};

const notACart = (path: string, message: string) =>
  new TillKitError('VALIDATION_FAILED', 'Not a cart', { issues: [{ path, message }] });

/** The attempt of the cart's live or paid Paysera session (its `orderRef` is the cart), made if needed. */
async function cartAttempt(
  checkout: CheckoutService,
  input: { lines?: unknown[] },
  context: unknown,
  providerId: string,
): Promise<StartedAttempt> {
  const cartId = cartIdOf(context);
  if (input.lines) throw notACart('input.lines', 'must be left out: the Medusa cart holds the lines');
  if (!cartId) throw notACart(cartHeader, 'send the Medusa cart id in this header');
  const live = (await checkout.attemptsFor(cartId)).find((a) => !unpaidEnds.has(a.status));
  if (live) return { attemptId: live.id };
  const cart = await first('cart', ['payment_collection.id'], { id: cartId });
  if (!cart) throw new TillKitError('NOT_FOUND', 'No cart with this id');
  const workflows = container.resolve(Modules.WORKFLOW_ENGINE);
  type Made = { result: { id: string; data?: Record<string, unknown> } };
  const collection =
    (cart['payment_collection'] as { id: string } | null) ??
    ((await workflows.run('create-payment-collection-for-cart', { input: { cart_id: cartId } })) as Made)
      .result;
  const made = { payment_collection_id: collection.id, provider_id: providerId };
  const session = ((await workflows.run('create-payment-sessions', { input: made })) as Made).result;
  const attemptId = session.data?.['attemptId'];
  if (typeof attemptId !== 'string')
    throw new TillKitError('INTERNAL', `No ${providerId} session for ${cartId}`);
  return { attemptId };
}

/**
 * A GET and POST handler serving the contract at `path` (where its route file is) for the payment provider
 * `providerId`: `export { storeGraphql as GET, storeGraphql as POST } from '@tillkit/medusa-payment-paysera'`.
 */
export function storeGraphqlRoute(options: { path?: string; providerId?: string } = {}) {
  const providerId = options.providerId ?? 'pp_paysera_paysera';
  // One server per checkout service (a new one after stopCheckout), with its yoga limits and typed errors.
  const servers = new WeakMap<CheckoutService, TillKitServer>();
  const serverFor = (checkout: CheckoutService): TillKitServer => {
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER);
    const server = createServer({
      services: { checkout, orders: { priceOrder: (i, c) => cartAttempt(checkout, i, c, providerId) } },
      endpoint: options.path ?? '/store/tillkit/graphql',
      // The store route offers no merchant reads: their key is one nobody has.
      merchantApiKey: randomBytes(32).toString('hex'),
      clientIdFromContext: cartIdOf,
      onUnexpectedError: (e) => logger.error(`paysera: storefront GraphQL: ${String(e)}`),
    });
    servers.set(checkout, server);
    return server;
  };
  return async (req: MedusaRequest, res: MedusaResponse): Promise<void> => {
    const checkout = defaultCheckout();
    await (servers.get(checkout) ?? serverFor(checkout)).yoga(req, res, { req, res });
  };
}

export const storeGraphql = storeGraphqlRoute();
