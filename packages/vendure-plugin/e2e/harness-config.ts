// What the test server and the worker processes share; plain TypeScript (no decorators), so a worker
// process runs it on Node's type stripping.
import type { Sandbox } from '@tillkit/sandbox';
import { DefaultJobQueuePlugin } from '@vendure/core';
import { BullMQJobQueuePlugin } from '@vendure/job-queue-plugin/package/bullmq/index.js';

export const postgres = process.env['TK_VENDURE_DB'] === 'postgres';
export const pg = {
  type: 'postgres',
  host: process.env['PGHOST'] ?? '127.0.0.1',
  port: Number(process.env['PGPORT'] ?? 5432),
  username: process.env['PGUSER'] ?? 'postgres',
  password: process.env['PGPASSWORD'] ?? '',
} as const;

/** The checkout service's options for a sandbox (what a merchant puts under `checkout`). */
export function checkoutOptions(sandbox: Sandbox): Record<string, unknown> {
  const { wallet: w, fiskaltrust: f, pos: p } = sandbox.credentials;
  return {
    paysera: {
      wallet: { baseUrl: sandbox.urls.wallet, macId: w.macId, macKey: w.macKey, projectId: w.projectId },
      locationId: w.locationId,
      pos: { baseUrl: sandbox.urls.pos, token: p.token, cashRegisterNumber: p.cashRegisterNumber },
    },
    fiskaltrust: { baseUrl: sandbox.url, cashBoxId: f.cashBoxId, accessToken: f.accessToken, country: 'AT' },
  };
}

/** The job queue every process of a test shares: Vendure's SQL queue, or BullMQ on Redis DB 8. */
export function queuePlugin(kind: 'sql' | 'bullmq') {
  if (kind === 'sql') return DefaultJobQueuePlugin.init({ pollInterval: 100 });
  const connection = { host: '127.0.0.1', port: 6379, db: 8, maxRetriesPerRequest: null };
  // The worker reads only workerOptions.prefix (platforms.md A2.6): set both.
  return BullMQJobQueuePlugin.init({
    connection,
    queueOptions: { prefix: 'tk_vendure' },
    workerOptions: { prefix: 'tk_vendure' },
  });
}
