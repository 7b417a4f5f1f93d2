export { createRedisTokenBucket, type RedisTokenBucketOptions } from './budget.ts';
export { createRedisLock, createRedisPaymentStore, type RedisOptions } from './store.ts';
