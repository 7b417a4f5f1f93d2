import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ScanAndPayEngine } from '../engine/engine.ts';
import type { EngineLogger } from '../engine/types.ts';

/** Options of {@link startEngineWorker}. */
export interface EngineWorkerOptions {
  engine: ScanAndPayEngine;
  /** A connection with `maxRetriesPerRequest: null` (BullMQ's requirement for workers). */
  connection: Redis;
  /** @default 'tillkit-paysera' */
  queueName?: string;
  /** BullMQ key prefix. @default 'tillkit' */
  prefix?: string;
  /** Interval of the poll-tick job scheduler. The engine sends no Wallet request on a tick with nothing live. @default 400 */
  tickMs?: number;
  logger?: EngineLogger;
}

/** A running worker; `close()` stops taking ticks and waits for the current one. */
export interface EngineWorker {
  close(): Promise<void>;
}

/**
 * Runs the engine's rounds as a BullMQ job scheduler: one `tick` job every `tickMs`, processed by exactly
 * one of the workers sharing the queue (concurrency 1 each). State and locks live in Redis, so a worker
 * killed mid-round leaves a lock that expires and the next tick (on any worker) resumes its checkouts.
 */
export async function startEngineWorker(options: EngineWorkerOptions): Promise<EngineWorker> {
  const name = options.queueName ?? 'tillkit-paysera';
  const prefix = options.prefix ?? 'tillkit';
  const queue = new Queue(name, { connection: options.connection, prefix });
  await queue.upsertJobScheduler(
    'poll-tick',
    { every: options.tickMs ?? 400 },
    { name: 'tick', opts: { removeOnComplete: true, removeOnFail: 100 } },
  );
  const worker = new Worker(
    name,
    async () => {
      const report = await options.engine.tick();
      return report;
    },
    // A worker killed mid-tick leaves its tick job active until BullMQ finds it stalled, and the scheduler's
    // next tick waits for it: with the defaults (30 s lock, 30 s checks) the survivor sat idle for ~30 s.
    // The lock is renewed while the worker lives, so a short one costs nothing to a long tick.
    { connection: options.connection, prefix, concurrency: 1, lockDuration: 10_000, stalledInterval: 5_000 },
  );
  worker.on('failed', (_job, error) => {
    options.logger?.warn?.('engine tick failed', { message: error.message });
  });
  return {
    async close() {
      await worker.close();
      await queue.close();
    },
  };
}
