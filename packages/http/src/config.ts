import { parseOrThrow } from '@tillkit/models';
import { z } from 'zod';
import { DEFAULT_RETRY_STATUS_CODES } from './retry.ts';
import type { HttpClientOptions, RetryPolicy } from './types.ts';

const ms = z.number().int().nonnegative().max(2_147_483_647);

// Only the data fields are checked here; functions (sign, logger, fetch…) are typed by TypeScript.
const Config = z.looseObject({
  baseUrl: z.url({ protocol: /^https?$/ }),
  timeoutMs: ms.min(1).optional(),
  totalTimeoutMs: ms.min(1).optional(),
  retry: z
    .object({
      limit: z.number().int().min(0).max(10).optional(),
      baseDelayMs: ms.optional(),
      maxDelayMs: ms.optional(),
      maxRetryAfterMs: ms.optional(),
      statusCodes: z.array(z.number().int().min(400).max(599)).readonly().optional(),
    })
    .optional(),
  headers: z.record(z.string(), z.string()).optional(),
  idempotencyHeader: z
    .string()
    .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/)
    .optional(),
});

/** The options after validation, with every default applied. */
export interface ResolvedConfig {
  baseUrl: string;
  timeoutMs: number;
  totalTimeoutMs: number | undefined;
  retry: RetryPolicy;
  /** `retry.statusCodes` as a set, built once. */
  retryStatusCodes: ReadonlySet<number>;
  idempotencyHeader: string;
}

/** Validates the client options once, at construction, and fills in the defaults. */
export function resolveConfig(options: HttpClientOptions): ResolvedConfig {
  parseOrThrow(Config, options, 'HTTP client options', 'INVALID_CONFIG');
  const retry = options.retry ?? {};
  const statusCodes = retry.statusCodes ?? DEFAULT_RETRY_STATUS_CODES;
  return {
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    timeoutMs: options.timeoutMs ?? 10_000,
    totalTimeoutMs: options.totalTimeoutMs,
    retry: {
      limit: retry.limit ?? 2,
      baseDelayMs: retry.baseDelayMs ?? 200,
      maxDelayMs: retry.maxDelayMs ?? 5_000,
      maxRetryAfterMs: retry.maxRetryAfterMs ?? 30_000,
      statusCodes,
    },
    retryStatusCodes: new Set(statusCodes),
    idempotencyHeader: options.idempotencyHeader ?? 'idempotency-key',
  };
}
