import type { SandboxResponse } from '../contract.ts';
import { posError } from './errors.ts';
import type { TokenTier } from './records.ts';

/** POS requests allowed per minute and token, by tier. */
export interface PosRateLimits {
  /** @default 100 */
  standardPerMinute?: number;
  /** @default 500 */
  premiumPerMinute?: number;
}

interface Window {
  start: number;
  count: number;
}

/**
 * A fixed one-minute window per token (ASSUMPTION: the spec documents 429 but not the algorithm). Over the
 * limit answers 429 with `Retry-After` = seconds until the window resets.
 */
export class PosRateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly limits: Record<TokenTier, number>;

  constructor(limits: PosRateLimits) {
    this.limits = { standard: limits.standardPerMinute ?? 100, premium: limits.premiumPerMinute ?? 500 };
  }

  /** Counts a request; returns a 429 answer when the token is over its limit, else the headers to add. */
  take(
    token: string,
    tier: TokenTier,
    nowMs: number,
  ): { rejected: SandboxResponse } | { headers: Record<string, string> } {
    const limit = this.limits[tier];
    const start = nowMs - (nowMs % 60_000);
    let w = this.windows.get(token);
    if (w === undefined || w.start !== start) {
      w = { start, count: 0 };
      this.windows.set(token, w);
    }
    w.count++;
    const reset = Math.max(1, Math.ceil((start + 60_000 - nowMs) / 1000));
    if (w.count > limit) {
      const rejected = posError(429, 'Too Many Attempts.');
      rejected.headers = {
        'retry-after': String(reset),
        'x-ratelimit-limit': String(limit),
        'x-ratelimit-remaining': '0',
      };
      return { rejected };
    }
    return {
      headers: { 'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': String(limit - w.count) },
    };
  }
}
