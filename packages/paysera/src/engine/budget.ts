/**
 * A request budget: every Wallet API request takes one token. The engine's promise "never more than N
 * requests per minute" is this bucket's capacity and refill rate. Methods may be async, so a bucket can
 * live in Redis and be shared by every worker (`createRedisTokenBucket` in `@tillkit/paysera/redis`).
 */
export interface RequestBudget {
  /** Takes a token if one is available now. */
  tryTake(): boolean | Promise<boolean>;
  /** Tokens available now (fractional while refilling). */
  available(): number | Promise<number>;
  /** Milliseconds until one token is available (0 if one is available now). */
  msUntilToken(): number | Promise<number>;
}

export interface TokenBucketOptions {
  /** Sustained rate. @example 100 */
  requestsPerMinute: number;
  /** Burst size (bucket capacity). Any window of length T sees at most `burst + rate × T` requests. @default requestsPerMinute / 6 (10 s worth) */
  burst?: number;
  clock?: () => number;
}

/** A token bucket: starts full, refills continuously at `requestsPerMinute / 60000` tokens per ms. */
export function createTokenBucket(options: TokenBucketOptions): RequestBudget {
  const clock = options.clock ?? Date.now;
  const perMs = options.requestsPerMinute / 60_000;
  const capacity = Math.max(1, options.burst ?? Math.ceil(options.requestsPerMinute / 6));
  let tokens = capacity;
  let last = clock();
  const refill = () => {
    const now = clock();
    tokens = Math.min(capacity, tokens + (now - last) * perMs);
    last = now;
  };
  return {
    tryTake() {
      refill();
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    available() {
      refill();
      return tokens;
    },
    msUntilToken() {
      refill();
      return tokens >= 1 ? 0 : Math.ceil((1 - tokens) / perMs);
    },
  };
}
