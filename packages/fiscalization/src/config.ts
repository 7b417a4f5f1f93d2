import type { HttpLogger, HttpRedactor } from '@tillkit/http';
import { parseOrThrow } from '@tillkit/models';
import { z } from 'zod';
import type { BackgroundRunner } from './async/runner.ts';

/** Validated data part of {@link FiscalClientOptions}. */
export const FiscalClientConfig = z.object({
  /**
   * POS System API base URL, with or without the `/v2` prefix (`https://possystem-api-sandbox.fiskaltrust.eu`
   * and `…fiskaltrust.eu/v2` are the same), so the URL the Paysera clients take with their prefix works too.
   * @default 'https://possystem-api-sandbox.fiskaltrust.eu'
   */
  baseUrl: z
    .url({ protocol: /^https?$/ })
    .default('https://possystem-api-sandbox.fiskaltrust.eu')
    // Every request path starts with /v2, so a /v2 in the base would be sent twice.
    .transform((url) => url.replace(/\/+$/, '').replace(/\/v2$/i, '')),
  cashBoxId: z.uuid(),
  accessToken: z.string().min(1),
  posSystemId: z.uuid().optional(),
  terminalId: z.string().min(1).max(1023).optional(),
  /** Per-attempt timeout. /v2/sign can block while the queue works. @default 30000 */
  timeoutMs: z.number().int().min(1).default(30_000),
  /** Transport retries (timeouts, 502/503, resets), always under the same operation id. */
  retry: z
    .object({
      limit: z.number().int().min(0).max(10).default(3),
      baseDelayMs: z.number().int().min(0).default(200),
      maxDelayMs: z.number().int().min(0).default(5000),
      maxRetryAfterMs: z.number().int().min(0).default(30_000),
    })
    .default({ limit: 3, baseDelayMs: 200, maxDelayMs: 5000, maxRetryAfterMs: 30_000 }),
  /** How often and how long to wait when an operation is still running (422), same id each time. */
  inFlight: z
    .object({
      limit: z.number().int().min(0).max(50).default(10),
      delayMs: z.number().int().min(0).default(500),
    })
    .default({ limit: 10, delayMs: 500 }),
  /** Secret for signing signAsync callbacks (HMAC-SHA256); required to use signAsync. */
  callbackSecret: z.string().min(16).optional(),
  /** Attempts to deliver one callback before giving up. @default 5 */
  callbackAttempts: z.number().int().min(1).max(20).default(5),
  /** Attempts of the background signing before reporting `failed`. @default 5 */
  asyncSignAttempts: z.number().int().min(1).max(20).default(5),
});

/** Options of {@link createFiscalClient}: CashBox credentials, timeouts and the pluggable parts. */
export interface FiscalClientOptions extends z.input<typeof FiscalClientConfig> {
  logger?: HttpLogger;
  redactor?: HttpRedactor & { add?(secret: string): void };
  /** Runs signAsync jobs. @default an in-process runner */
  runner?: BackgroundRunner;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
}

export type ResolvedFiscalConfig = z.output<typeof FiscalClientConfig>;

/** Parses the options once, at construction, reporting every bad field (never echoing the token). */
export function resolveFiscalConfig(options: FiscalClientOptions): ResolvedFiscalConfig {
  const { logger: _l, redactor: _r, runner: _u, fetch: _f, ...data } = options;
  return parseOrThrow(FiscalClientConfig, data, 'fiskaltrust client options', 'INVALID_CONFIG');
}
