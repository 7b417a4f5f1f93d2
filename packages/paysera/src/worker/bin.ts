#!/usr/bin/env node
import { Redis } from 'ioredis';
import { createScanAndPayEngine } from '../engine/engine.ts';
import type { EngineLogger } from '../engine/types.ts';
import { createRedisTokenBucket } from '../redis/budget.ts';
import { createRedisLock, createRedisPaymentStore } from '../redis/store.ts';
import { createWalletClient } from '../wallet/client.ts';
import { readWorkerEnv } from './env.ts';
import { startEngineWorker } from './worker.ts';

// `tillkit-worker`: the scan-and-pay engine as a dedicated process. Run several for availability; they
// share state, locks and the tick schedule through Redis.
const write = (level: string) => (message: string, context?: Record<string, unknown>) =>
  process.stderr.write(`${JSON.stringify({ level, message, ...context })}\n`);
const logger: EngineLogger = { warn: write('warn'), error: write('error') };

let env: ReturnType<typeof readWorkerEnv>;
try {
  env = readWorkerEnv();
} catch (error) {
  write('error')('invalid worker environment', { message: (error as Error).message });
  process.exit(1);
}
const connection = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
const engine = createScanAndPayEngine({
  wallet: createWalletClient({
    credentials: { macId: env.PAYSERA_MAC_ID, macKey: env.PAYSERA_MAC_KEY },
    baseUrl: env.PAYSERA_WALLET_URL,
    retry: { limit: 0 },
    ...(env.PAYSERA_PROJECT_ID === undefined ? {} : { projectId: env.PAYSERA_PROJECT_ID }),
  }),
  store: createRedisPaymentStore({ redis: connection, prefix: env.TILLKIT_PREFIX }),
  lock: createRedisLock({ redis: connection, prefix: env.TILLKIT_PREFIX }),
  // One budget for the whole deployment, however many workers run.
  budget: createRedisTokenBucket({
    redis: connection,
    prefix: env.TILLKIT_PREFIX,
    requestsPerMinute: env.TILLKIT_REQUESTS_PER_MINUTE,
  }),
  checkoutTtlMs: env.TILLKIT_CHECKOUT_TTL_MS,
  lockTtlMs: env.TILLKIT_LOCK_TTL_MS,
  logger,
});
const worker = await startEngineWorker({
  engine,
  connection,
  tickMs: env.TILLKIT_TICK_MS,
  prefix: env.TILLKIT_PREFIX.replace(/:$/, ''),
  logger,
});
write('info')('tillkit-worker started', { walletUrl: env.PAYSERA_WALLET_URL, tickMs: env.TILLKIT_TICK_MS });

const shutdown = async () => {
  await worker.close();
  connection.disconnect();
};
process.once('SIGTERM', () => void shutdown());
process.once('SIGINT', () => void shutdown());
