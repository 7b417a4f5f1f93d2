import { randomUUID } from 'node:crypto';
import type { Lock, PaymentStore } from '../engine/store.ts';
import type { Checkout } from '../engine/types.ts';
import type { RedisClient } from './client.ts';

// Compare-and-set on the checkout's version, inside Redis, so two workers can never both apply a step.
const REPLACE = `
local cur = redis.call('GET', KEYS[1])
if not cur then return 0 end
if cjson.decode(cur).version ~= tonumber(ARGV[2]) then return 0 end
redis.call('SET', KEYS[1], ARGV[1])
return 1`;
const CLAIM = `
local cur = redis.call('GET', KEYS[1])
if cur and cur ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1])
return 1`;
const DELETE_IF = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** Options shared by the Redis store and lock. */
export interface RedisOptions {
  /** An ioredis connection (one is enough for both). */
  /** An ioredis 5 or 6 client (or anything with these commands). */
  redis: RedisClient;
  /** Prefix of every key, so several deployments (and tests) share one Redis. @default 'tillkit:paysera:' */
  prefix?: string;
}

/** A {@link PaymentStore} in Redis: checkouts as JSON, a set of live ids, spot claims; writes are compare-and-set. */
export function createRedisPaymentStore(options: RedisOptions): PaymentStore {
  const { redis } = options;
  const p = options.prefix ?? 'tillkit:paysera:';
  const key = (id: string) => `${p}checkout:${id}`;
  const live = `${p}live`;
  const parse = (raw: string | null) => (raw === null ? undefined : (JSON.parse(raw) as Checkout));
  return {
    async get(id) {
      return parse(await redis.get(key(id)));
    },
    async insert(checkout) {
      const ok = await redis.set(key(checkout.id), JSON.stringify(checkout), 'NX');
      if (ok === 'OK') {
        await redis.sadd(live, checkout.id);
        return { checkout, created: true };
      }
      return { checkout: parse(await redis.get(key(checkout.id))) as Checkout, created: false };
    },
    async replace(next) {
      const done = await redis.eval(REPLACE, 1, key(next.id), JSON.stringify(next), String(next.version - 1));
      return done === 1;
    },
    async listLive() {
      const ids = await redis.smembers(live);
      if (ids.length === 0) return [];
      const raws = await redis.mget(...ids.map(key));
      return raws.flatMap((r) => {
        const c = parse(r);
        return c ? [c] : [];
      });
    },
    async retire(id) {
      await redis.srem(live, id);
    },
    async claimSpot(spotKey, checkoutId) {
      return (await redis.eval(CLAIM, 1, `${p}spot:${spotKey}`, checkoutId)) === 1;
    },
    async releaseSpot(spotKey, checkoutId) {
      await redis.eval(DELETE_IF, 1, `${p}spot:${spotKey}`, checkoutId);
    },
  };
}

/** A {@link Lock} in Redis (`SET NX PX` with a random token; release deletes only our own token). */
export function createRedisLock(options: RedisOptions): Lock {
  const { redis } = options;
  const p = options.prefix ?? 'tillkit:paysera:';
  return {
    async acquire(name, ttlMs) {
      const k = `${p}lock:${name}`;
      const token = randomUUID();
      const ok = await redis.set(k, token, 'PX', ttlMs, 'NX');
      if (ok !== 'OK') return undefined;
      return {
        async release() {
          await redis.eval(DELETE_IF, 1, k, token);
        },
      };
    },
  };
}
