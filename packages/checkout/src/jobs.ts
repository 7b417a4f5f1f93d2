import { toTillKitError } from '@tillkit/models';
import { runPosSyncJob } from './pos-sync.ts';
import { failSignJob, isPermanent, runSignJob } from './receipts/sign-jobs.ts';
import type { ServiceContext } from './records.ts';
import { runRefundVerifyJob } from './refunds.ts';
import type { Job } from './store/port.ts';

// The job runner over the store's outbox: due jobs are leased, run, and settled. A retryable failure
// comes back later with full-jitter exponential backoff; a permanent one (or one out of attempts) ends
// `failed`, visible with its reason. Jobs are idempotent by construction (receipts sign under their
// operation id, refund checks only read), so a lease that expires mid-run at worst repeats a replay.

export type JobHandler = (ctx: ServiceContext, job: Job) => Promise<void>;

export interface JobRunnerOptions {
  /** @default 12 */
  maxAttempts?: number;
  /** @default 1000 */
  baseDelayMs?: number;
  /** @default 300000 (5 min) */
  maxDelayMs?: number;
  /** How long a claimed job is its runner's; a runner killed mid-job holds it this long. Keep it above the fiscal client's total retry time. @default 30000 */
  leaseMs?: number;
  /** Jobs claimed per round. @default 16 */
  batch?: number;
  /**
   * Hands each claimed job to a host's queue instead of running it in the ticker (the queue's worker then
   * calls `service.runJob(job)`). The job stays leased to the ticker for `leaseMs`, so a queue slower than
   * that sees the job claimed and dispatched again — harmless, as every job is idempotent.
   */
  dispatch?: (job: Job) => Promise<void>;
}

const handlers: Record<string, { run: JobHandler; fail?: JobHandler }> = {
  'receipt.sign': {
    run: runSignJob,
    fail: (ctx, job) => failSignJob(ctx, job, { code: job.lastError ?? 'FAILED', message: 'Signing failed' }),
  },
  'refund.verify': { run: runRefundVerifyJob },
  'pos.sync': { run: runPosSyncJob },
};

/** Registers another job kind (a host's own follow-up work on the same durable runner). */
export function registerJobHandler(kind: string, run: JobHandler, fail?: JobHandler): void {
  handlers[kind] = fail === undefined ? { run } : { run, fail };
}

export function createJobRunner(ctx: ServiceContext, runnerOwner: string, options: JobRunnerOptions = {}) {
  const maxAttempts = options.maxAttempts ?? 12;
  const base = options.baseDelayMs ?? 1000;
  const cap = options.maxDelayMs ?? 300_000;
  const leaseMs = options.leaseMs ?? 30_000;
  const batch = options.batch ?? 16;

  // A dispatched job is settled under the owner that claimed it, in whichever process runs it.
  const runOne = async (job: Job): Promise<void> => {
    const owner = job.leaseOwner ?? runnerOwner;
    const handler = handlers[job.kind];
    const now = () => ctx.clock();
    if (!handler) {
      await ctx.store.settleJob(
        job.key,
        owner,
        { state: 'failed', error: `UNKNOWN_JOB_KIND ${job.kind}` },
        now(),
      );
      return;
    }
    try {
      await handler.run(ctx, job);
      await ctx.store.settleJob(job.key, owner, { state: 'done' }, now());
    } catch (error) {
      const e = toTillKitError(error);
      ctx.logger.warn?.('job failed', {
        job: job.key,
        attempt: job.attempts,
        code: e.code,
        message: e.message,
      });
      if (isPermanent(e.code) || job.attempts >= maxAttempts) {
        await handler.fail?.(ctx, { ...job, lastError: e.code }).catch((failError: unknown) => {
          ctx.logger.error?.('recording a failed job failed', {
            job: job.key,
            message: toTillKitError(failError).message,
          });
        });
        await ctx.store.settleJob(job.key, owner, { state: 'failed', error: e.code }, now());
        return;
      }
      const delay = Math.random() * Math.min(cap, base * 2 ** (job.attempts - 1));
      await ctx.store.settleJob(
        job.key,
        owner,
        { state: 'pending', runAt: now() + Math.max(base, delay), error: e.code },
        now(),
      );
    }
  };

  return {
    /**
     * Runs due jobs, batch after batch while batches come back full, for at most `budgetMs` (so a backlog
     * drains at the fiscal service's pace instead of one batch per round); returns how many ran.
     */
    async runDue(budgetMs = 1000): Promise<number> {
      const until = ctx.clock() + budgetMs;
      let ran = 0;
      for (;;) {
        const jobs = await ctx.store.claimJobs({
          now: ctx.clock(),
          limit: batch,
          leaseMs,
          owner: runnerOwner,
        });
        await Promise.all(jobs.map(options.dispatch ?? runOne));
        ran += jobs.length;
        if (jobs.length < batch || ctx.clock() >= until) return ran;
      }
    },
    /** Runs a job this runner's owner has claimed (for a platform queue that dispatches claimed jobs itself). */
    runOne,
  };
}
