import { afterEach, beforeEach, vi } from 'vitest';

// A test that writes to the console fails. Libraries log through an injected logger, so a stray
// console line is either a bug or a secret about to leak; both must be seen (zod's fail-on-console).
const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
type Method = (typeof methods)[number];
const calls: Array<{ method: Method; args: unknown[] }> = [];

beforeEach(() => {
  calls.length = 0;
  for (const method of methods) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      calls.push({ method, args });
    });
  }
});

afterEach(() => {
  for (const method of methods) vi.mocked(console[method]).mockRestore();
  if (calls.length > 0) {
    const lines = calls.map((c) => `console.${c.method}(${c.args.map(String).join(' ')})`).join('\n');
    calls.length = 0;
    throw new Error(`Test wrote to the console; inject a logger instead:\n${lines}`);
  }
});
