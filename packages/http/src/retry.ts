import { parseRetryAfterMs } from './retry-after.ts';
import type { RetryPolicy } from './types.ts';

/** Statuses retried when the client does not name its own: transient by RFC 9110, or a gateway's. */
export const DEFAULT_RETRY_STATUS_CODES: readonly number[] = [408, 429, 500, 502, 503, 504];

// Statuses whose Retry-After is honoured (the server says when it will have capacity again).
const RETRY_AFTER_STATUSES = new Set([429, 503]);

/** Why an attempt did not yield a usable response. */
export type AttemptFailure =
  | { kind: 'status'; status: number; headers: Headers }
  | { kind: 'timeout' }
  | { kind: 'network' };

/** What decides whether an attempt is repeated; resolved once per request. */
export interface RetryRules {
  policy: RetryPolicy;
  /** Retried statuses (already a set, so the hot path does no array scans). */
  statusCodes: ReadonlySet<number>;
  /** The request may run twice without harm: an idempotent method, an idempotency key or `retrySafe`. */
  retrySafe: boolean;
  /** Retries after the first attempt for this request. */
  limit: number;
}

/**
 * The wait before retry number `retry` (1-based) after `failure`, or `undefined` when the request must
 * not be repeated. A 429 is repeated even for a plain POST (nothing was processed); a 5xx, a timeout or
 * a network error only when the request is retry-safe, since the first attempt may have taken effect.
 * Backoff is exponential with full jitter, capped; a Retry-After on 429/503 replaces it, capped too.
 */
export function retryDelayMs(
  failure: AttemptFailure,
  retry: number,
  rules: RetryRules,
  random: () => number = Math.random,
  nowMs: number = Date.now(),
): number | undefined {
  if (retry > rules.limit) return undefined;
  if (failure.kind !== 'status') return rules.retrySafe ? backoffMs(retry, rules.policy, random) : undefined;
  const { status } = failure;
  if (!rules.statusCodes.has(status) || !(rules.retrySafe || status === 429)) return undefined;
  if (RETRY_AFTER_STATUSES.has(status)) {
    const after = parseRetryAfterMs(failure.headers.get('retry-after'), nowMs);
    if (after !== undefined) return Math.min(after, rules.policy.maxRetryAfterMs);
  }
  return backoffMs(retry, rules.policy, random);
}

/** Full jitter: uniform in [0, min(cap, base·2^(retry−1))), so concurrent clients spread out. */
export function backoffMs(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  return random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
}

/** Waits `ms`, rejecting early with the signal's reason when the caller aborts. */
export function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
