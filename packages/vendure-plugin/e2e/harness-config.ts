// What the test server and the worker processes share; plain TypeScript (no decorators), so a worker
// process runs it on Node's type stripping.
import type { CheckoutServiceOptions } from '@tillkit/checkout';
import { createFiscalClient } from '@tillkit/fiscalization';
import { createTokenBucket, createWalletClient } from '@tillkit/paysera';
import type { Sandbox } from '@tillkit/sandbox';
import { DefaultJobQueuePlugin } from '@vendure/core';
import { BullMQJobQueuePlugin } from '@vendure/job-queue-plugin/package/bullmq/index.js';

export const postgres = process.env['TK_VENDURE_DB'] === 'postgres';
/** Database names start with it; set it apart for runs that share one PostgreSQL server. */
export const dbPrefix = process.env['TK_VENDURE_DB_PREFIX'] ?? 'tk_vendure';
/** The Redis DB of the BullMQ test (flushed by it). */
export const redisDb = Number(process.env['TK_VENDURE_REDIS_DB'] ?? 8);
export const pg = {
  type: 'postgres',
  host: process.env['PGHOST'] ?? '127.0.0.1',
  port: Number(process.env['PGPORT'] ?? 5432),
  username: process.env['PGUSER'] ?? 'postgres',
  password: process.env['PGPASSWORD'] ?? '',
} as const;

/** What a process needs to reach the sandbox (JSON, so the worker processes get it as an argument). */
export type SandboxAddress = Pick<Sandbox, 'url' | 'urls' | 'credentials'>;

/** The checkout service's options against the sandbox, as a merchant writes them (fast rounds for tests). */
export function checkoutOptions(sandbox: SandboxAddress): Omit<CheckoutServiceOptions, 'store'> {
  const { wallet: w, fiskaltrust: f } = sandbox.credentials;
  return {
    wallet: createWalletClient({
      credentials: { macId: w.macId, macKey: w.macKey },
      baseUrl: sandbox.urls.wallet,
      projectId: w.projectId,
      retry: { limit: 0 },
      timeoutMs: 2000,
    }),
    locationId: w.locationId,
    projectId: w.projectId,
    fiscal: {
      client: createFiscalClient({
        baseUrl: sandbox.url,
        cashBoxId: f.cashBoxId,
        accessToken: f.accessToken,
      }),
      country: 'AT',
      cashBoxId: f.cashBoxId,
    },
    refundWindowHours: 24,
    budget: createTokenBucket({ requestsPerMinute: 6000 }),
    polling: { fastIntervalMs: 50 },
    tickIntervalMs: 50,
    idleIntervalMs: 200,
    leaderLeaseMs: 2000,
    lockTtlMs: 3000,
    consumerLeaseMs: 2000,
    jobs: { baseDelayMs: 50, maxDelayMs: 200 },
  };
}

/** The job queue every process of a test shares: Vendure's SQL queue, or BullMQ on Redis (DB 8 by default). */
export function queuePlugin(kind: 'sql' | 'bullmq') {
  if (kind === 'sql') return DefaultJobQueuePlugin.init({ pollInterval: 100 });
  const connection = { host: '127.0.0.1', port: 6379, db: redisDb, maxRetriesPerRequest: null };
  // The worker reads only workerOptions.prefix (platforms.md A2.6): set both.
  return BullMQJobQueuePlugin.init({
    connection,
    queueOptions: { prefix: 'tk_vendure' },
    workerOptions: { prefix: 'tk_vendure' },
  });
}
