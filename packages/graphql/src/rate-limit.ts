/** Options of {@link createRateLimiter}. */
export interface RateLimit {
  /** Sustained requests per minute per client. */
  perMinute: number;
  /** Requests a client may send at once before the sustained rate applies. @default perMinute / 6 (10 s worth) */
  burst?: number;
}

/** A per-client token bucket. */
export interface RateLimiter {
  /** Takes one token for `client`: ok, or how long until the next token. */
  take(client: string): { ok: true } | { ok: false; retryAfterMs: number };
}

// Buckets of clients not seen for a while are dropped first; the map never grows past this many, so a
// flood of distinct (spoofed) clients costs bounded memory.
const MAX_CLIENTS = 10_000;

/**
 * Token buckets keyed by client (its address, a session id): `burst` requests at once, refilled at
 * `perMinute`. `now` is injectable so tests drive the clock instead of waiting.
 */
export function createRateLimiter(limit: RateLimit, now: () => number = Date.now): RateLimiter {
  const burst = Math.max(1, Math.floor(limit.burst ?? limit.perMinute / 6));
  const perMs = limit.perMinute / 60_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(client) {
      const t = now();
      const seen = buckets.get(client);
      const tokens = seen ? Math.min(burst, seen.tokens + (t - seen.at) * perMs) : burst;
      // Re-inserting keeps the map ordered by last use, so the first key is the one to evict.
      buckets.delete(client);
      if (buckets.size >= MAX_CLIENTS) buckets.delete(buckets.keys().next().value as string);
      if (tokens < 1) {
        buckets.set(client, { tokens, at: t });
        return { ok: false, retryAfterMs: Math.ceil((1 - tokens) / perMs) };
      }
      buckets.set(client, { tokens: tokens - 1, at: t });
      return { ok: true };
    },
  };
}
