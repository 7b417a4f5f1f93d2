import { issuesFromZod, TillKitError } from '@tillkit/models';
import { z } from 'zod';
import type { UnexpectedErrorHandler } from './errors.ts';
import type { RateLimit } from './rate-limit.ts';

/** Options of {@link makeSchema}. */
export interface SchemaOptions {
  /** The merchant API key that unlocks `documents` and `fiscalDay`; compared in constant time. At least 16 characters. */
  merchantApiKey: string;
  /**
   * Secret that checkout tokens are derived from (HMAC); at least 32 characters.
   * @default the checkout service's `secret('graphql.checkoutToken')`, kept in its store, so every instance
   * over the same store shares it and tokens survive a restart
   */
  checkoutTokenSecret?: string;
  /**
   * Reads the API key the caller presented from the host's context object.
   * @default (context) => context.merchantApiKey
   */
  merchantKeyFromContext?: (context: unknown) => string | undefined;
  /**
   * Who is asking, for the per-client limits (an address, a session id), read from the host's context.
   * Without one the per-client limits do not apply, so hosts should supply it.
   * @default (context) => context.clientId
   */
  clientIdFromContext?: (context: unknown) => string | undefined;
  /** Live (unfinished) checkouts one client may hold at once. @default 2 */
  maxLiveCheckoutsPerClient?: number;
  /** How often one client may start a checkout. @default { perMinute: 10, burst: 3 } */
  startCheckoutRate?: RateLimit;
  /** Receives every masked error (log it; it never reaches the client). @default () => {} */
  onUnexpectedError?: UnexpectedErrorHandler;
  /** What `pollAfterMs` tells clients while a checkout is still moving. @default 1000 */
  pollIntervalMs?: number;
  /** Wallet description when the shopper sends none. @default 'TillKit order' */
  defaultDescription?: string;
}

/** Options of `createServer` that also apply to the schema's validation. */
const Options = z.object({
  merchantApiKey: z.string().min(16, 'must be at least 16 characters'),
  checkoutTokenSecret: z.string().min(32, 'must be at least 32 characters').optional(),
  pollIntervalMs: z.number().int().min(100).max(60_000).default(1000),
  defaultDescription: z.string().min(1).max(120).default('TillKit order'),
  maxLiveCheckoutsPerClient: z.number().int().min(1).max(100).default(2),
  startCheckoutRate: z
    .object({ perMinute: z.number().positive(), burst: z.number().int().positive().optional() })
    .default({ perMinute: 10, burst: 3 }),
});

/** Validated options with defaults applied. */
export interface ResolvedOptions {
  merchantApiKey: string;
  checkoutTokenSecret: string | undefined;
  merchantKeyFromContext: (context: unknown) => string | undefined;
  clientIdFromContext: (context: unknown) => string | undefined;
  maxLiveCheckoutsPerClient: number;
  startCheckoutRate: RateLimit;
  onUnexpectedError: UnexpectedErrorHandler;
  pollIntervalMs: number;
  defaultDescription: string;
}

const stringField =
  (name: string) =>
  (context: unknown): string | undefined => {
    if (typeof context !== 'object' || context === null) return undefined;
    const value = (context as Record<string, unknown>)[name];
    return typeof value === 'string' ? value : undefined;
  };

/** Validates options once, reporting every issue with its path (INVALID_CONFIG). */
export function resolveOptions(options: SchemaOptions): ResolvedOptions {
  const r = Options.safeParse(options);
  if (!r.success) {
    const issues = issuesFromZod(r.error);
    throw new TillKitError(
      'INVALID_CONFIG',
      `Invalid @tillkit/graphql options: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      { issues },
    );
  }
  return {
    ...r.data,
    checkoutTokenSecret: r.data.checkoutTokenSecret,
    startCheckoutRate: stripUndefined(r.data.startCheckoutRate),
    merchantKeyFromContext: options.merchantKeyFromContext ?? stringField('merchantApiKey'),
    clientIdFromContext: options.clientIdFromContext ?? stringField('clientId'),
    onUnexpectedError: options.onUnexpectedError ?? (() => {}),
  };
}

function stripUndefined(rate: { perMinute: number; burst?: number | undefined }): RateLimit {
  return rate.burst === undefined
    ? { perMinute: rate.perMinute }
    : { perMinute: rate.perMinute, burst: rate.burst };
}
