import type { RequestBudget } from '../engine/budget.ts';
import type { RedisClient } from './client.ts';

// One bucket for every worker: refill and take happen atomically in Redis, on Redis's clock (TIME), so
// workers with skewed clocks still share one budget. ARGV: capacity, tokens per ms, take (1) or peek (0).
const BUCKET = `
local cap = tonumber(ARGV[1])
local perMs = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or cap
local at = tonumber(state[2]) or now
tokens = math.min(cap, tokens + math.max(0, now - at) * perMs)
local ok = 0
if ARGV[3] == '1' and tokens >= 1 then
  tokens = tokens - 1
  ok = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(cap / perMs) + 60000)
return { ok, tostring(tokens) }`;

/** Options of {@link createRedisTokenBucket}. */
export interface RedisTokenBucketOptions {
  /** An ioredis 5 or 6 client (or anything with these commands). */
  redis: RedisClient;
  /** Sustained rate shared by all workers. */
  requestsPerMinute: number;
  /** Bucket capacity. @default requestsPerMinute / 6 */
  burst?: number;
  /** @default 'tillkit:paysera:' */
  prefix?: string;
}

/** A {@link RequestBudget} in Redis: several workers together never exceed `requestsPerMinute` (+ burst). */
export function createRedisTokenBucket(options: RedisTokenBucketOptions): RequestBudget {
  const key = `${options.prefix ?? 'tillkit:paysera:'}budget`;
  const perMs = options.requestsPerMinute / 60_000;
  const capacity = Math.max(1, options.burst ?? Math.ceil(options.requestsPerMinute / 6));
  const run = async (take: boolean): Promise<{ ok: boolean; tokens: number }> => {
    const [ok, tokens] = (await options.redis.eval(
      BUCKET,
      1,
      key,
      String(capacity),
      String(perMs),
      take ? '1' : '0',
    )) as [number, string];
    return { ok: ok === 1, tokens: Number(tokens) };
  };
  return {
    tryTake: async () => (await run(true)).ok,
    available: async () => (await run(false)).tokens,
    async msUntilToken() {
      const { tokens } = await run(false);
      return tokens >= 1 ? 0 : Math.ceil((1 - tokens) / perMs);
    },
  };
}
