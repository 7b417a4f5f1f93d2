import { issuesFromZod, type Money, toDecimalString } from '@tillkit/models';
import { z } from 'zod';
import { callerError } from './errors.ts';
import { createLiveQuota } from './live-quota.ts';
import type { ResolvedOptions } from './options.ts';
import { createRateLimiter } from './rate-limit.ts';
import { checkoutTokenFor, constantTimeEqual, verifyCheckoutToken } from './secrets.ts';
import {
  type CheckoutView,
  paidStatuses,
  type ReceiptState,
  type TillKitServices,
  terminalStatuses,
} from './services.ts';
import { watchCheckout } from './watch.ts';

/** A field resolver as graphql-js calls it. */
export type Resolver = (parent: unknown, args: Record<string, unknown>, context: unknown) => unknown;
/** Resolvers by type name, then field name. */
export type ResolverMap = Record<string, Record<string, Resolver>>;

// The description is shown in the customer's wallet next to the amount: text-direction overrides could make
// it read backwards or hide text, and an amount in it ("Total: 0.01 EUR") could contradict the real one.
const invisible = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
const currencies = new Set(Intl.supportedValuesOf('currency'));
const amountLike = (d: string): boolean =>
  /[€$£¥]\s*\d|\d\s*[€$£¥]/u.test(d) ||
  [...d.matchAll(/\d\s*([A-Za-z]{3})\b/g)].some((m) => currencies.has((m[1] ?? '').toUpperCase()));

const StartCheckoutArgs = z.object({
  input: z.object({
    lines: z
      .array(
        z.object({
          productId: z.string(),
          quantity: z.number().int().min(1, 'must be at least 1').max(99, 'must be at most 99'),
        }),
      )
      .min(1, 'a checkout needs at least one line')
      .max(50, 'at most 50 lines'),
    description: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(120, 'at most 120 characters')
      .refine((d) => !invisible.test(d), 'must not contain control or text-direction characters')
      .refine((d) => !amountLike(d), 'must not contain an amount (the wallet shows the real one)')
      .nullish(),
  }),
});
const DocumentsArgs = z.object({
  filter: z
    .object({
      type: z.string().max(32).nullish(),
      fiscalDayNumber: z.number().int().min(0).nullish(),
      limit: z.number().int().min(1, 'must be at least 1').max(100, 'must be at most 100').nullish(),
    })
    .nullish(),
});

function parseArgs<T>(schema: z.ZodType<T>, args: unknown): T {
  const r = schema.safeParse(args);
  if (!r.success) {
    const issues = issuesFromZod(r.error).map((i) => ({ field: i.path, message: i.message }));
    throw callerError(
      'BAD_USER_INPUT',
      `Invalid input: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`,
      { field: issues[0]?.field ?? '', issues },
    );
  }
  return r.data;
}

/** What Checkout fields resolve from: the engine's view plus a per-resolution receipt lookup. */
// The view's own fields resolve with graphql's default resolver (cheap on the hot polling path); the
// receipt lookup hides behind a symbol so it can never collide with a field name.
const receiptOf = Symbol('receiptOf');
type CheckoutNode = CheckoutView & { [receiptOf](): Promise<ReceiptState> };
const view = (c: unknown): CheckoutNode => c as CheckoutNode;
const receipt = (c: unknown): Promise<ReceiptState> => (c as CheckoutNode)[receiptOf]();

/** Builds the resolvers over the services. Knows no server, no platform, no engine. */
export function createResolvers(services: TillKitServices, options: ResolvedOptions): ResolverMap {
  /** A checkout as one resolution sees it: the receipt is asked for at most once, and only if paid. */
  const node = (v: CheckoutView): CheckoutNode => {
    let lookup: Promise<ReceiptState> | undefined;
    return {
      ...v,
      [receiptOf]: () => {
        if (!paidStatuses.has(v.status)) return Promise.resolve({ state: 'not_paid' });
        lookup ??= services.receipts.receiptFor(v.orderId);
        return lookup;
      },
    };
  };

  // A shopper polls every second with the same token: remember tokens already proven (bounded, oldest
  // evicted first) so a poll costs a map lookup instead of an HMAC. Only valid pairs are ever stored.
  const proven = new Map<string, string>();
  const verifiedToken = (id: string, token: string): boolean => {
    if (proven.get(token) === id) return true;
    if (!verifyCheckoutToken(id, token, options.checkoutTokenSecret)) return false;
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
    const view = verifiedToken(id, String(args['token'])) ? await services.checkouts.status(id) : undefined;
    if (!view) throw callerError('NOT_FOUND', 'No checkout with this id and token.');
    return node(view);
  };

  const quota = createLiveQuota(options.maxLiveCheckoutsPerClient);
  const startRate = createRateLimiter(options.startCheckoutRate);
  const isLive = async (id: string) => {
    const v = await services.checkouts.status(id);
    return v !== undefined && !terminalStatuses.has(v.status);
  };

  /** How long a client should wait before asking again; 0 once the checkout is settled. */
  const pollAfter = (c: CheckoutNode): number | Promise<number> => {
    if (!paidStatuses.has(c.status)) return terminalStatuses.has(c.status) ? 0 : options.pollIntervalMs;
    // A paid checkout is only settled once its receipt is signed, even when the spot is closed.
    return receipt(c).then((s) =>
      s.state === 'pending' || !terminalStatuses.has(c.status) ? options.pollIntervalMs : 0,
    );
  };

  const requireMerchant = (context: unknown): void => {
    const presented = options.merchantKeyFromContext(context);
    if (presented === undefined || !constantTimeEqual(presented, options.merchantApiKey)) {
      throw callerError('UNAUTHENTICATED', 'A valid merchant API key is required.');
    }
  };

  return {
    Query: {
      products: () => services.orders.products(),
      checkout: (_p, args) => ownCheckout(args, 'id'),
      receipt: async (_p, args) => {
        const s = await receipt(await ownCheckout(args, 'checkoutId'));
        if (s.state === 'not_paid')
          throw callerError('CONFLICT', 'The order is not paid, so there is no receipt.');
        return s.state === 'signed' ? s.receipt : null;
      },
      documents: (_p, args, context) => {
        requireMerchant(context);
        const { filter } = parseArgs(DocumentsArgs, args);
        return services.merchant.documents({
          type: filter?.type ?? undefined,
          fiscalDayNumber: filter?.fiscalDayNumber ?? undefined,
          limit: filter?.limit ?? 20,
        });
      },
      fiscalDay: async (_p, args, context) => {
        requireMerchant(context);
        const day = await services.merchant.fiscalDay(String(args['id']));
        if (!day) throw callerError('NOT_FOUND', 'No fiscal day with this id.');
        return day;
      },
    },
    Subscription: {
      // Verified before the stream starts, so a wrong token is an error result, not a broken stream.
      checkout: async (_p, args) =>
        watchCheckout(await ownCheckout(args, 'id'), {
          refresh: async (id) => {
            const v = await services.checkouts.status(id);
            return v && node(v);
          },
          pollAfter,
          receiptState: receipt,
          onError: options.onUnexpectedError,
        }),
    },
    Mutation: {
      startCheckout: async (_p, args, context) => {
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
        const slot = client === undefined ? undefined : await quota.acquire(client, isLive);
        try {
          const order = await services.orders.placeOrder(input.lines);
          const checkout = await services.checkouts.start({
            order,
            description: input.description ?? options.defaultDescription,
          });
          slot?.commit(checkout.id);
          return {
            checkout: node(checkout),
            token: checkoutTokenFor(checkout.id, options.checkoutTokenSecret),
          };
        } finally {
          slot?.release();
        }
      },
      cancelCheckout: async (_p, args) => {
        const c = await ownCheckout(args, 'id');
        return node(await services.checkouts.cancel(c.id));
      },
    },
    Checkout: {
      status: (c) => view(c).status.toUpperCase(),
      paid: (c) => paidStatuses.has(view(c).status),
      terminal: (c) => terminalStatuses.has(view(c).status),
      pollAfterMs: (c) => pollAfter(view(c)),
      order: (c) => services.orders.order(view(c).orderId),
      receipt: async (c) => {
        const s = await receipt(c);
        return s.state === 'signed' ? s.receipt : null;
      },
      receiptPending: async (c) => (await receipt(c)).state === 'pending',
    },
    Money: {
      formatted: (m) => toDecimalString((m as Money).amount, (m as Money).currency),
    },
  };
}
