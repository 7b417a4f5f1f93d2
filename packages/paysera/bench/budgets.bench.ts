// Paysera's real limits: the standard 100 requests/min and the premium 500/min. At each budget the naive
// per-location poller and the engine (callbacks off, then on) face the same random arrivals, at a load the
// budget can carry for the engine (create, attach, confirm and close are 4 requests a checkout; polls take
// the rest). Ratios are against the naive poller measured in the same run. Benchmarks print, never assert.
// Run: pnpm --filter @tillkit/paysera bench   (BENCH_BUDGET_SECONDS per phase, default 90; 6 phases)
import { printTable, summarize } from '@tillkit/bench';
import { startSandbox } from '@tillkit/sandbox';
import { createTokenBucket } from '../src/engine/budget.ts';
import { createWalletClient } from '../src/wallet/client.ts';
import { type Contestant, engine, naive, phase, seededSpots } from './contestants.ts';

const SECONDS = Number(process.env['BENCH_BUDGET_SECONDS'] ?? 90);
const LOCATIONS = 5;
const SPOTS = 10;
// Checkouts per minute each budget carries: about a third of the budget goes to the 4 side effects.
const budgets = [
  { name: 'standard', perMinute: 100, checkoutsPerMinute: 8 },
  { name: 'premium', perMinute: 500, checkoutsPerMinute: 40 },
];

type Make = (sandbox: Awaited<ReturnType<typeof startSandbox>>, perMinute: number) => Promise<Contestant>;

const contestants: Array<{ name: string; make: Make }> = [
  { name: 'naive per-location @4s', make: async (s, rpm) => naive(client(s, 2), s, bucket(rpm)) },
  { name: 'engine, callbacks off', make: (s, rpm) => engine(client(s, 0), s, { budget: bucket(rpm) }) },
  {
    name: 'engine, callbacks on',
    make: (s, rpm) => engine(client(s, 0), s, { budget: bucket(rpm), callbacks: true }),
  },
];

function client(sandbox: Awaited<ReturnType<typeof startSandbox>>, retry: number) {
  const { macId, macKey, projectId } = sandbox.credentials.wallet;
  return createWalletClient({
    credentials: { macId, macKey },
    baseUrl: sandbox.urls.wallet,
    projectId,
    retry: { limit: retry },
  });
}
const bucket = (perMinute: number) => createTokenBucket({ requestsPerMinute: perMinute });

for (const b of budgets) {
  const rows: Array<Record<string, string | number>> = [];
  let baseline: { p50: number; p95: number; rpm: number } | undefined;
  for (const c of contestants) {
    // A fresh sandbox per phase: no contestant inherits another's transactions or spot states.
    const sandbox = await startSandbox({
      port: 0,
      seed: { wallet: { locations: LOCATIONS, spotsPerLocation: SPOTS } },
    });
    try {
      const r = await phase(sandbox, seededSpots(sandbox), await c.make(sandbox, b.perMinute), {
        seconds: SECONDS,
        arrivalsPerSecond: b.checkoutsPerMinute / 60,
        drainMs: 30_000,
      });
      const s = summarize(r.latencies);
      baseline ??= { p50: s.p50, p95: s.p95, rpm: r.requestsPerMinute };
      rows.push({
        poller: c.name,
        checkouts: r.checkouts,
        unconfirmed: r.unconfirmed,
        'p50 ms': Math.round(s.p50),
        'p95 ms': Math.round(s.p95),
        'requests/min': Math.round(r.requestsPerMinute),
        'p50 ×': baseline.p50 / s.p50,
        'p95 ×': baseline.p95 / s.p95,
        'req/min ×': r.requestsPerMinute / baseline.rpm,
      });
    } finally {
      await sandbox.close();
    }
  }
  printTable(
    `${b.name} budget ${b.perMinute}/min: ${LOCATIONS} locations × ${SPOTS} spots, ${b.checkoutsPerMinute} checkouts/min, ${SECONDS} s per poller (× = how many times better than naive; unconfirmed after a 30 s drain count with their wait so far)`,
    rows,
  );
}
