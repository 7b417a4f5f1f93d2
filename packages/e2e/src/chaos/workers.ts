import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// The worker processes of the chaos run: real `tillkit-checkout-worker`s (from source), killed with
// SIGKILL and restarted while payments are in flight.

const require = createRequire(import.meta.url);
/** The worker's entry in @tillkit/checkout's sources (what the package's `bin` is built from). */
export const workerBin = join(
  dirname(require.resolve('@tillkit/checkout/package.json')),
  'src/bin/worker.ts',
);

export interface WorkerPool {
  readonly size: number;
  readonly kills: number;
  /** SIGKILLs a worker and starts a new one in its place after `restartAfterMs`. */
  killOne(index: number, restartAfterMs: number): Promise<void>;
  /** SIGTERM (a clean stop), then SIGKILL for any worker still up after 5 s. */
  stopAll(): Promise<void>;
}

const exited = (child: ChildProcess, ms: number) =>
  new Promise<boolean>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(true);
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });

/** Starts `size` workers with `env`; their stderr (JSON log lines) goes to `logFile`. */
export function startWorkers(size: number, env: Record<string, string>, logFile: string): WorkerPool {
  const log = openSync(logFile, 'a');
  const spawnOne = () =>
    spawn(process.execPath, ['--conditions=@tillkit/source', '--no-warnings', workerBin], {
      env,
      stdio: ['ignore', 'ignore', log],
    });
  const children: ChildProcess[] = Array.from({ length: size }, spawnOne);
  let kills = 0;
  let stopping = false;
  return {
    size,
    get kills() {
      return kills;
    },
    async killOne(index, restartAfterMs) {
      const child = children[index];
      if (!child || stopping) return;
      child.kill('SIGKILL');
      await exited(child, 5000);
      kills++;
      await new Promise((r) => setTimeout(r, restartAfterMs));
      if (!stopping) children[index] = spawnOne();
    },
    async stopAll() {
      if (stopping) return;
      stopping = true;
      for (const c of children) c.kill('SIGTERM');
      for (const c of children) if (!(await exited(c, 5000))) c.kill('SIGKILL');
      await Promise.all(children.map((c) => exited(c, 5000)));
      closeSync(log);
    },
  };
}
