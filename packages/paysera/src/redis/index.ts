export { createRedisLock, createRedisPaymentStore, type RedisOptions } from './store.ts';
