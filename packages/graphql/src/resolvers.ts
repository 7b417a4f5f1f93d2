import type { PaymentAttempt, ReceiptState } from '@tillkit/checkout';
import { type Money, toDecimalString } from '@tillkit/models';
import { DocumentsArgs, parseArgs, StartCheckoutArgs } from './args.ts';
import { callerError } from './errors.ts';
import { createLiveQuota } from './live-quota.ts';
import type { ResolvedOptions } from './options.ts';
import { paidStatuses, type TillKitGraphQLServices, terminalStatuses } from './ports.ts';
import { createRateLimiter } from './rate-limit.ts';
import { checkoutTokenFor, constantTimeEqual, verifyCheckoutToken } from './secrets.ts';
import { watchCheckout } from './watch.ts';

/** A field resolver as graphql-js calls it. */
export type Resolver = (parent: unknown, args: Record<string, unknown>, context: unknown) => unknown;
/** Resolvers by type name, then field name. `Subscription` fields return the event stream. */
export type ResolverMap = Record<string, Record<string, Resolver>>;

// A checkout as one resolution sees it: the attempt, plus its receipt fetched at most once and only when a
// field needs it and the attempt says it is signed or failed. Behind a symbol so it never meets a field name.
const receiptOf = Symbol('receiptOf');
type CheckoutNode = PaymentAttempt & { [receiptOf](): Promise<ReceiptState> };
const attempt = (c: unknown): CheckoutNode => c as CheckoutNode;
const receiptState = (c: unknown): Promise<ReceiptState> => attempt(c)[receiptOf]();

/** Builds the resolvers over the services. Knows no server, no platform, no engine. */
export function createResolvers(services: TillKitGraphQLServices, options: ResolvedOptions): ResolverMap {
  const { checkout } = services;
  const node = (a: PaymentAttempt): CheckoutNode => {
    let lookup: Promise<ReceiptState> | undefined;
    return {
      ...a,
      [receiptOf]: () => {
        if (a.receipt === 'none' || a.receipt === 'pending') return Promise.resolve({ state: a.receipt });
        lookup ??= checkout.receipt(a.id);
        return lookup;
      },
    };
  };

  // The token key: given, or the service's own secret (read once; a failed read is retried next call).
  let secret: Promise<string> | undefined;
  const tokenSecret = (): Promise<string> => {
    if (options.checkoutTokenSecret !== undefined) return Promise.resolve(options.checkoutTokenSecret);
    secret ??= checkout.secret('graphql.checkoutToken').catch((e: unknown) => {
      secret = undefined;
      throw e;
    });
    return secret;
  };

  // A shopper polls every second with the same token: remember tokens already proven (bounded, oldest
  // evicted first) so a poll costs a map lookup instead of an HMAC. Only valid pairs are ever stored.
  const proven = new Map<string, string>();
  const verifiedToken = async (id: string, token: string): Promise<boolean> => {
    if (proven.get(token) === id) return true;
    if (!verifyCheckoutToken(id, token, await tokenSecret())) return false;
    if (proven.size >= 10_000) proven.delete(proven.keys().next().value as string);
    proven.set(token, id);
    return true;
  };

  /**
   * The shopper's own checkout. The token is checked first, and an unknown id answers exactly like a wrong
   * token, so probing ids reveals nothing about which checkouts exist.
   */
  const ownCheckout = async (args: Record<string, unknown>, idArg: string): Promise<CheckoutNode> => {
    const id = String(args[idArg]);
    const found = (await verifiedToken(id, String(args['token']))) ? await checkout.get(id) : undefined;
    if (!found) throw callerError('NOT_FOUND', 'No checkout with this id and token.');
    return node(found);
  };

  /** How long a client should wait before asking again; 0 once the checkout is settled. */
  const pollAfter = (c: PaymentAttempt): number => {
    if (paidStatuses.has(c.status))
      return c.receipt === 'signed' || c.receipt === 'failed' ? 0 : options.pollIntervalMs;
    return terminalStatuses.has(c.status) ? 0 : options.pollIntervalMs;
  };

  const requireMerchant = (context: unknown) => {
    const presented = options.merchantKeyFromContext(context);
    if (presented === undefined || !constantTimeEqual(presented, options.merchantApiKey))
      throw callerError('UNAUTHENTICATED', 'A valid merchant API key is required.');
    if (!services.merchant) throw callerError('NOT_FOUND', 'This shop has no merchant reads configured.');
    return services.merchant;
  };

  const quota = createLiveQuota(options.maxLiveCheckoutsPerClient);
  const startRate = createRateLimiter(options.startCheckoutRate);
  const isLive = async (id: string) => {
    const a = await checkout.get(id);
    return a !== undefined && !terminalStatuses.has(a.status);
  };

  const start = async (args: Record<string, unknown>, context: unknown) => {
    const { input } = parseArgs(StartCheckoutArgs, args);
    const client = options.clientIdFromContext(context);
    if (client !== undefined) {
      const taken = startRate.take(client);
      if (!taken.ok)
        throw callerError('RATE_LIMITED', 'Too many checkouts started; wait a moment.', {
          retryable: true,
          retryAfterMs: taken.retryAfterMs,
        });
    }
    // Read before the attempt starts, so a store that cannot give the key leaves no tokenless attempt.
    const key = await tokenSecret();
    const slot = client === undefined ? undefined : await quota.acquire(client, isLive);
    try {
      const priced = await services.orders.priceOrder(input.lines ? { lines: input.lines } : {}, context);
      // The host may hand over the attempt it started itself (its own description stands); it counts the same.
      const started =
        'attemptId' in priced
          ? await checkout.get(priced.attemptId)
          : await checkout.start({
              orderRef: priced.orderRef,
              amount: priced.amount,
              order: priced.order,
              description: input.description ?? (priced.description || options.defaultDescription),
              ...(priced.metadata ? { metadata: priced.metadata } : {}),
              ...(priced.captureMode ? { captureMode: priced.captureMode } : {}),
              ...(priced.idempotencyKey ? { idempotencyKey: priced.idempotencyKey } : {}),
              ...(priced.replaceLive ? { replaceLive: true } : {}),
            });
      if (!started) throw callerError('NOT_FOUND', 'Not found.');
      slot?.commit(started.id);
      return { checkout: node(started), token: checkoutTokenFor(started.id, key) };
    } finally {
      slot?.release();
    }
  };

  return {
    Query: {
      tillkitCheckout: (_p, args) => ownCheckout(args, 'id'),
      tillkitReceipt: async (_p, args) => {
        const s = await receiptState(await ownCheckout(args, 'checkoutId'));
        if (s.state === 'none')
          throw callerError('CONFLICT', 'The order is not paid, so there is no receipt.');
        return s.state === 'signed' ? s.receipt : null;
      },
      tillkitDocuments: (_p, args, context) => {
        const merchant = requireMerchant(context);
        const { filter } = parseArgs(DocumentsArgs, args);
        return merchant.documents({
          type: filter?.type ?? undefined,
          fiscalDayNumber: filter?.fiscalDayNumber ?? undefined,
          limit: filter?.limit ?? 20,
        });
      },
      tillkitFiscalDay: async (_p, args, context) => {
        const day = await requireMerchant(context).fiscalDay(String(args['id']));
        if (!day) throw callerError('NOT_FOUND', 'No fiscal day with this id.');
        return day;
      },
    },
    Subscription: {
      // Verified before the stream starts, so a wrong token is an error result, not a broken stream.
      tillkitCheckoutStatus: async (_p, args) =>
        watchCheckout(await ownCheckout(args, 'id'), {
          refresh: async (id) => {
            const a = await checkout.get(id);
            return a && node(a);
          },
          pollAfter,
          onError: options.onUnexpectedError,
        }),
    },
    Mutation: {
      tillkitStartCheckout: (_p, args, context) => start(args, context),
      tillkitCancelCheckout: async (_p, args) =>
        node(await checkout.cancel((await ownCheckout(args, 'id')).id)),
    },
    TillKitCheckout: {
      status: (c) => attempt(c).status.toUpperCase(),
      paid: (c) => paidStatuses.has(attempt(c).status),
      terminal: (c) => terminalStatuses.has(attempt(c).status),
      pollAfterMs: (c) => pollAfter(attempt(c)),
      receiptStatus: (c) => attempt(c).receipt.toUpperCase(),
      receiptPending: (c) =>
        paidStatuses.has(attempt(c).status) &&
        attempt(c).receipt !== 'signed' &&
        attempt(c).receipt !== 'failed',
      receipt: async (c) => {
        const s = await receiptState(c);
        return s.state === 'signed' ? s.receipt : null;
      },
      receiptFailure: async (c) => {
        const s = await receiptState(c);
        return s.state === 'failed' ? s.failure : null;
      },
    },
    TillKitReceipt: {
      kind: (r) => String((r as { kind: string }).kind).toUpperCase(),
    },
    TillKitMoney: {
      formatted: (m) => toDecimalString((m as Money).amount, (m as Money).currency),
    },
  };
}
