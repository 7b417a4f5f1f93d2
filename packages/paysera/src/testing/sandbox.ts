import { isTillKitError, type TillKitError } from '@tillkit/models';
import { type Sandbox, type StartSandboxOptions, startSandbox } from '@tillkit/sandbox';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/**
 * One seeded sandbox on a loopback port for the test file: started before all tests, closed after them,
 * its faults and stats cleared before each. Returns an accessor (the sandbox exists only once started).
 */
export function useSandbox(seed: StartSandboxOptions['seed']): () => Sandbox {
  let sandbox: Sandbox | undefined;
  const current = (): Sandbox => {
    if (!sandbox) throw new Error('the sandbox is not started yet (use it inside hooks and tests)');
    return sandbox;
  };
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, ...(seed === undefined ? {} : { seed }) });
  });
  afterAll(async () => {
    await sandbox?.close();
  });
  beforeEach(() => {
    current().control.faults.clear();
    current().control.resetStats();
  });
  return current;
}

/** The TillKitError `p` rejects with; throws (failing the test) if it resolves or rejects with anything else. */
export async function rejection(p: Promise<unknown>): Promise<TillKitError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isTillKitError(error)) throw new Error(`expected a TillKitError, got ${String(error)}`);
  return error;
}
