import { type ChildProcess, fork } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';

// A demo backend as a child process (the Vendure or the Medusa example): forked with an IPC channel, its
// output into a log file, ready when it sends `{ ready: … }`, stopped with SIGTERM (SIGKILL if it hangs).

export interface ForkOptions {
  /** What the log and errors call it: "the Vendure example". */
  name: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  execArgv?: string[];
  logFile: string;
  /** How long a SIGTERM may take before SIGKILL. */
  stopTimeoutMs?: number;
}

export interface ReadyChild<T> {
  ready: T;
  /** Resolves when the process ends, with its exit code. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** Forks `file`; resolves with what it reports ready, or rejects (the child stopped) if it exits first. */
export async function forkReady<T>(file: string, o: ForkOptions): Promise<ReadyChild<T>> {
  const child = fork(file, [], {
    cwd: o.cwd,
    env: o.env,
    execArgv: o.execArgv ?? [],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const log = createWriteStream(o.logFile, { flags: 'a' });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = () => stopChild(child, exited, o.stopTimeoutMs ?? 20_000);
  try {
    const ready = await new Promise<T>((resolve, reject) => {
      child.on('message', (m: { ready?: T }) => m.ready && resolve(m.ready));
      void exited.then((code) =>
        reject(new Error(`${o.name} exited (${code}) before it was ready; see ${o.logFile}`)),
      );
    });
    return { ready, exited, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>, timeoutMs: number) {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
  }
}

/** A port free right now, for a backend that cannot listen on 0 and say which port it got (Medusa). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}
