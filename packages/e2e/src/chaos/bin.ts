#!/usr/bin/env node
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { clean, closingLine, runChaos } from './run.ts';

// pnpm chaos [--payments N] [--workers W] [--concurrency C] [--seed S] [--redis URL]
// Prints progress on stderr and exactly one closing line on stdout; exits 1 unless the six counts are 0.
const { values } = parseArgs({
  options: {
    payments: { type: 'string', default: '40' },
    workers: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '12' },
    seed: { type: 'string' },
    redis: { type: 'string', default: process.env['TILLKIT_CHAOS_REDIS_URL'] ?? 'redis://127.0.0.1:6379/9' },
    'kill-every-ms': { type: 'string', default: '4000' },
    'fault-every-ms': { type: 'string', default: '300' },
  },
});
const int = (name: string, v: string | undefined, min: number) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) {
    process.stderr.write(`chaos: --${name} must be an integer ≥ ${min}\n`);
    process.exit(2);
  }
  return n;
};
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : int('seed', values.seed, 0);
const log = (line: string) => process.stderr.write(`${line}\n`);
log(`chaos: seed ${seed} (replay with --seed ${seed})`);
const result = await runChaos({
  payments: int('payments', values.payments, 1),
  workers: int('workers', values.workers, 1),
  concurrency: int('concurrency', values.concurrency, 1),
  seed,
  redisUrl: values.redis,
  killEveryMs: int('kill-every-ms', values['kill-every-ms'], 100),
  faultEveryMs: int('fault-every-ms', values['fault-every-ms'], 10),
  paymentDeadlineMs: 120_000,
  settleMs: 60_000,
  progress: log,
});
const ok = clean(result);
log(`chaos: outcomes ${JSON.stringify(result.outcomes)}, refused confirms ${result.refusedConfirms}`);
log(`chaos: ${result.seconds} s; worker logs ${ok ? 'removed' : `kept in ${result.logFile}`}`);
if (ok) rmSync(dirname(result.logFile), { recursive: true, force: true });
process.stdout.write(`${closingLine(result)}\n`);
process.exit(ok ? 0 : 1);
