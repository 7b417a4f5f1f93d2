import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_STATUS_CODES, type RetryRules, retryDelayMs } from './retry.ts';

const policy = {
  limit: 3,
  baseDelayMs: 100,
  maxDelayMs: 250,
  maxRetryAfterMs: 1000,
  statusCodes: DEFAULT_RETRY_STATUS_CODES,
};

function rules(over: Partial<RetryRules> = {}): RetryRules {
  return { policy, statusCodes: new Set(policy.statusCodes), retrySafe: true, limit: 3, ...over };
}

const status = (s: number, headers: Record<string, string> = {}) =>
  ({ kind: 'status', status: s, headers: new Headers(headers) }) as const;
const top = () => 0.999_999;

describe('retryDelayMs', () => {
  it('backs off exponentially with full jitter, capped at maxDelayMs', () => {
    expect([1, 2, 3].map((n) => Math.round(retryDelayMs(status(502), n, rules(), top) ?? -1))).toEqual([
      100, 200, 250,
    ]);
    expect(retryDelayMs(status(502), 2, rules(), () => 0)).toBe(0);
  });

  it('stops once the limit is used up', () => {
    expect(retryDelayMs(status(502), 4, rules())).toBeUndefined();
    expect(retryDelayMs({ kind: 'timeout' }, 1, rules({ limit: 0 }))).toBeUndefined();
  });

  it('waits what Retry-After says on 429 and 503, capped at maxRetryAfterMs', () => {
    expect(retryDelayMs(status(503, { 'retry-after': '0' }), 1, rules())).toBe(0);
    expect(retryDelayMs(status(429, { 'retry-after': '60' }), 1, rules())).toBe(1000);
  });

  it('retries only the statuses the client names', () => {
    const narrow = rules({ statusCodes: new Set([502, 503, 504]) });
    expect(retryDelayMs(status(500), 1, narrow)).toBeUndefined();
    expect(retryDelayMs(status(502), 1, narrow)).toBeDefined();
    expect(retryDelayMs(status(500), 1, rules())).toBeDefined();
    expect(retryDelayMs(status(404), 1, rules())).toBeUndefined();
  });

  it('repeats a request that is not retry-safe only after a 429', () => {
    const unsafe = rules({ retrySafe: false });
    expect(retryDelayMs(status(503), 1, unsafe)).toBeUndefined();
    expect(retryDelayMs({ kind: 'timeout' }, 1, unsafe)).toBeUndefined();
    expect(retryDelayMs({ kind: 'network' }, 1, unsafe)).toBeUndefined();
    expect(retryDelayMs(status(429), 1, unsafe)).toBeDefined();
  });
});
