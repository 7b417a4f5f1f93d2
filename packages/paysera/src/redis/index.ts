export { createRedisTokenBucket, type RedisTokenBucketOptions } from './budget.ts';
export type { RedisClient } from './client.ts';
export { createRedisLock, createRedisPaymentStore, type RedisOptions } from './store.ts';
