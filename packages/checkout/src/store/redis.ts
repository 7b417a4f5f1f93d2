import { parseJsonLossless, stringifyJsonLossless } from '@tillkit/models';
import type { Batch, CheckoutStore, Doc, Job, JobOutcome, StoredEvent } from './port.ts';

/**
 * The one Redis command the store sends, typed structurally: a host's ioredis 5 or 6 client (or node-redis
 * wrapped in ten lines) fits without a dependency of ours. Every operation is one Lua script, so each is
 * atomic on the server — the compare-and-set of a whole batch included.
 */
export interface RedisEvalClient {
  eval(script: string, numberOfKeys: number, ...keysAndArgs: Array<string | number>): Promise<unknown>;
}

export interface RedisCheckoutStoreOptions {
  redis: RedisEvalClient;
  /** Prefix of every key; keep the braces (a hash tag: all keys in one slot). @default '{tillkit}:' */
  prefix?: string;
}

// Values are passed and stored as opaque strings (lossless JSON written by Node): Lua never decodes them,
// so 64-bit integers inside cannot be rounded by cjson.
const COMMIT = `
local p = ARGV[1]
local i = 2
local nw = tonumber(ARGV[i]); i = i + 1
for w = 0, nw - 1 do
  local k = p .. 'doc:' .. ARGV[i + w * 5] .. ':' .. ARGV[i + w * 5 + 1]
  local v = redis.call('HGET', k, 'v')
  if (tonumber(v) or 0) ~= tonumber(ARGV[i + w * 5 + 2]) then return 0 end
end
for w = 0, nw - 1 do
  local c, id, ev, tag, val = ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2]), ARGV[i + 3], ARGV[i + 4]
  local k = p .. 'doc:' .. c .. ':' .. id
  local old = redis.call('HGET', k, 't')
  if old and old ~= '' then redis.call('SREM', p .. 'tag:' .. c .. ':' .. old, id) end
  if val == '\\0' then redis.call('DEL', k) else
    redis.call('HSET', k, 'v', ev + 1, 't', tag, 'j', val)
    if tag ~= '' then redis.call('SADD', p .. 'tag:' .. c .. ':' .. tag, id) end
  end
  i = i + 5
end
local nj = tonumber(ARGV[i]); i = i + 1
for j = 0, nj - 1 do
  local k = p .. 'job:' .. ARGV[i]
  if redis.call('EXISTS', k) == 0 then
    redis.call('HSET', k, 'key', ARGV[i], 'kind', ARGV[i + 1], 'payload', ARGV[i + 2], 'runAt', ARGV[i + 3],
      'state', 'pending', 'attempts', 0, 'updatedAt', ARGV[i + 4])
    redis.call('ZADD', p .. 'jobs', ARGV[i + 3], ARGV[i])
  end
  i = i + 5
end
local ne = tonumber(ARGV[i]); i = i + 1
for e = 0, ne - 1 do
  if redis.call('SADD', p .. 'eventkeys', ARGV[i]) == 1 then redis.call('RPUSH', p .. 'events', ARGV[i + 1]) end
  i = i + 2
end
return 1`;

const GET = `local r = redis.call('HMGET', ARGV[1] .. 'doc:' .. ARGV[2] .. ':' .. ARGV[3], 'v', 't', 'j')
if not r[1] then return nil end
return r`;

const LIST = `local out = {}
for _, id in ipairs(redis.call('SMEMBERS', ARGV[1] .. 'tag:' .. ARGV[2] .. ':' .. ARGV[3])) do
  local r = redis.call('HMGET', ARGV[1] .. 'doc:' .. ARGV[2] .. ':' .. id, 'v', 't', 'j')
  if r[1] then table.insert(out, id); table.insert(out, r[1]); table.insert(out, r[2]); table.insert(out, r[3]) end
end
return out`;

const JOB_FIELDS = `'key','kind','payload','runAt','state','attempts','lastError','leaseOwner','leaseUntil','updatedAt'`;

// A pending job's score is when it may run next: its runAt, or the end of the lease it is under.
const CLAIM = `local p, now, limit, lease, owner = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5]
local out = {}
for _, key in ipairs(redis.call('ZRANGEBYSCORE', p .. 'jobs', '-inf', now, 'LIMIT', 0, limit)) do
  local k = p .. 'job:' .. key
  redis.call('HSET', k, 'leaseOwner', owner, 'leaseUntil', now + lease, 'updatedAt', now)
  redis.call('HINCRBY', k, 'attempts', 1)
  redis.call('ZADD', p .. 'jobs', now + lease, key)
  table.insert(out, redis.call('HMGET', k, ${JOB_FIELDS}))
end
return out`;

const SETTLE = `local p, key, owner, state, runAt, err, now = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7]
local k = p .. 'job:' .. key
if redis.call('HGET', k, 'leaseOwner') ~= owner then return 0 end
redis.call('HDEL', k, 'leaseOwner', 'leaseUntil')
redis.call('HSET', k, 'state', state, 'updatedAt', now)
if err ~= '' then redis.call('HSET', k, 'lastError', err) end
if state == 'pending' then redis.call('HSET', k, 'runAt', runAt); redis.call('ZADD', p .. 'jobs', runAt, key)
else redis.call('ZREM', p .. 'jobs', key) end
return 1`;

const GET_JOB = `if redis.call('EXISTS', ARGV[1] .. 'job:' .. ARGV[2]) == 0 then return nil end
return redis.call('HMGET', ARGV[1] .. 'job:' .. ARGV[2], ${JOB_FIELDS})`;

const EVENTS = `return redis.call('LRANGE', ARGV[1] .. 'events', tonumber(ARGV[2]), tonumber(ARGV[2]) + tonumber(ARGV[3]) - 1)`;

const LEASE = `local k = ARGV[1] .. 'lease:' .. ARGV[2]
local owner, untilAt = redis.call('HGET', k, 'owner'), tonumber(redis.call('HGET', k, 'until') or '0')
if owner and owner ~= ARGV[3] and untilAt > tonumber(ARGV[4]) then return 0 end
redis.call('HSET', k, 'owner', ARGV[3], 'until', tonumber(ARGV[4]) + tonumber(ARGV[5]))
return 1`;

const RELEASE = `local k = ARGV[1] .. 'lease:' .. ARGV[2]
if redis.call('HGET', k, 'owner') == ARGV[3] then redis.call('DEL', k) end
return 1`;

/** A {@link CheckoutStore} in Redis, for several workers on several hosts (scale-out). */
export function createRedisCheckoutStore(options: RedisCheckoutStoreOptions): CheckoutStore {
  const { redis } = options;
  const p = options.prefix ?? '{tillkit}:';
  const run = (script: string, ...args: Array<string | number>) => redis.eval(script, 0, p, ...args);
  const json = (v: unknown) => stringifyJsonLossless(v);
  const toJob = (r: Array<string | null>): Job => {
    const [key, kind, payload, runAt, state, attempts, lastError, leaseOwner, leaseUntil, updatedAt] = r;
    const job: Job = {
      key: String(key),
      kind: String(kind),
      payload: parseJsonLossless(String(payload)),
      runAt: Number(runAt),
      state: String(state) as Job['state'],
      attempts: Number(attempts),
      updatedAt: Number(updatedAt),
    };
    if (lastError) job.lastError = lastError;
    if (leaseOwner) job.leaseOwner = leaseOwner;
    if (leaseUntil) job.leaseUntil = Number(leaseUntil);
    return job;
  };
  const toDoc = (id: string, v: string, t: string | null, j: string): Doc => ({
    id,
    version: Number(v),
    tag: t ? t : null,
    value: parseJsonLossless(j),
  });

  return {
    async get(collection, id) {
      const r = (await run(GET, collection, id)) as [string, string, string] | null;
      return r ? (toDoc(id, r[0], r[1], r[2]) as never) : undefined;
    },
    async list(collection, tag) {
      const flat = (await run(LIST, collection, tag)) as string[];
      const docs: Doc[] = [];
      for (let i = 0; i < flat.length; i += 4)
        docs.push(
          toDoc(flat[i] as string, flat[i + 1] as string, flat[i + 2] ?? null, flat[i + 3] as string),
        );
      return docs as never;
    },
    async commit(batch: Batch) {
      const now = Date.now();
      const args: Array<string | number> = [];
      const writes = batch.writes ?? [];
      args.push(writes.length);
      for (const w of writes)
        args.push(w.collection, w.id, w.expectVersion, w.tag ?? '', w.value === null ? '\0' : json(w.value));
      const jobs = batch.jobs ?? [];
      args.push(jobs.length);
      for (const j of jobs) args.push(j.key, j.kind, json(j.payload), j.runAt, now);
      const events = batch.events ?? [];
      args.push(events.length);
      for (const e of events) args.push(e.key, json(e));
      return Number(await run(COMMIT, ...args)) === 1;
    },
    async claimJobs({ now, limit, leaseMs, owner }) {
      return ((await run(CLAIM, now, limit, leaseMs, owner)) as Array<Array<string | null>>).map(toJob);
    },
    async settleJob(key, owner, outcome: JobOutcome, now) {
      const runAt = outcome.state === 'pending' ? outcome.runAt : '';
      const error = outcome.state === 'done' ? '' : outcome.error;
      return Number(await run(SETTLE, key, owner, outcome.state, runAt, error, now)) === 1;
    },
    async getJob(key) {
      const r = (await run(GET_JOB, key)) as Array<string | null> | null;
      return r ? toJob(r) : undefined;
    },
    async events(after, limit) {
      const raw = (await run(EVENTS, after, limit)) as string[];
      return raw.map(
        (s, i): StoredEvent => ({
          ...(parseJsonLossless(s) as Omit<StoredEvent, 'seq'>),
          seq: after + i + 1,
        }),
      );
    },
    async lease(name, owner, ttlMs, now) {
      return Number(await run(LEASE, name, owner, now, ttlMs)) === 1;
    },
    async releaseLease(name, owner) {
      await run(RELEASE, name, owner);
    },
  };
}
