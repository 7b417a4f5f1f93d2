import { issuesFromZod, TillKitError } from '@tillkit/models';
import { z } from 'zod';
import type { UnexpectedErrorHandler } from './errors.ts';

/** Options of {@link makeSchema}. */
export interface SchemaOptions {
  /** The merchant API key that unlocks `documents` and `fiscalDay`; compared in constant time. At least 16 characters. */
  merchantApiKey: string;
  /** Secret that checkout tokens are derived from (HMAC); at least 32 characters. Share it between instances. */
  checkoutTokenSecret: string;
  /**
   * Reads the API key the caller presented from the host's context object.
   * @default (context) => context.merchantApiKey
   */
  merchantKeyFromContext?: (context: unknown) => string | undefined;
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
  checkoutTokenSecret: z.string().min(32, 'must be at least 32 characters'),
  pollIntervalMs: z.number().int().min(100).max(60_000).default(1000),
  defaultDescription: z.string().min(1).max(120).default('TillKit order'),
});

/** Validated options with defaults applied. */
export interface ResolvedOptions {
  merchantApiKey: string;
  checkoutTokenSecret: string;
  merchantKeyFromContext: (context: unknown) => string | undefined;
  onUnexpectedError: UnexpectedErrorHandler;
  pollIntervalMs: number;
  defaultDescription: string;
}

function defaultKeyFromContext(context: unknown): string | undefined {
  if (typeof context !== 'object' || context === null) return undefined;
  const key = (context as Record<string, unknown>)['merchantApiKey'];
  return typeof key === 'string' ? key : undefined;
}

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
    merchantKeyFromContext: options.merchantKeyFromContext ?? defaultKeyFromContext,
    onUnexpectedError: options.onUnexpectedError ?? (() => {}),
  };
}
