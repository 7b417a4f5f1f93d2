/**
 * One background signing job. Plain JSON (no closures), so a host can put it on a durable queue
 * (BullMQ, Vendure's JobQueue, a Medusa workflow) and hand it to `client.processSignJob` in a worker.
 */
export interface SignJob {
  operationId: string;
  /** The exact request bytes: every attempt, in any process, sends these. */
  body: string;
  callbackUrl: string;
}

/** Where signAsync jobs run. `process` is the in-process handler; a durable runner may ignore it and call `processSignJob` from its worker. */
export interface BackgroundRunner {
  enqueue(job: SignJob, process: (job: SignJob) => Promise<void>): void | Promise<void>;
}

/** The default runner: runs jobs in this process, right away. `idle()` resolves when all have finished. */
export interface InProcessRunner extends BackgroundRunner {
  idle(): Promise<void>;
}

/**
 * Creates the in-process runner. Jobs are lost if the process dies mid-way; that is safe (the
 * operation id is deterministic, a re-run replays) but not durable: hosts with a job queue plug theirs in.
 */
export function createInProcessRunner(
  onError: (error: unknown, job: SignJob) => void = () => {},
): InProcessRunner {
  const running = new Set<Promise<void>>();
  return {
    enqueue(job, process) {
      const p = process(job)
        .catch((error: unknown) => onError(error, job))
        .finally(() => running.delete(p));
      running.add(p);
    },
    async idle() {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}
