import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, it } from 'vitest';
import { storeContract } from './contract.ts';
import { createRedisCheckoutStore } from './redis.ts';

// The store contract on the Redis of this machine (127.0.0.1:6379, DB 3), each case under its own prefix.
const redis = new Redis({ host: '127.0.0.1', port: 6379, db: 3, maxRetriesPerRequest: 1 });
const run = randomUUID();
afterAll(async () => {
  const keys = await redis.keys(`{tk-test-${run}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

describe('redis store', () => {
  let n = 0;
  for (const c of storeContract)
    it(c.name, () => c.run(createRedisCheckoutStore({ redis, prefix: `{tk-test-${run}-${n++}}:` })));
});
