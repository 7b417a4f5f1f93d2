// Scan-to-confirm latency and Wallet requests per minute: a naive per-location poller (every 4 s, the
// guide's advice) against the engine, on the same random arrivals, side by side in one run.
// 50 locations × 10 spots; customers scan at random and accept the moment their order shows.
// Run: pnpm --filter @tillkit/paysera bench   (≈ 2 × PHASE_SECONDS; budgets.bench.ts follows)
import { printTable, summarize } from '@tillkit/bench';
import { startSandbox } from '@tillkit/sandbox';
import { createTokenBucket } from '../src/engine/budget.ts';
import { createWalletClient } from '../src/wallet/client.ts';
import { engine, naive, phase, seededSpots } from './contestants.ts';

const LOCATIONS = 50;
const SPOTS = 10;
const PHASE_SECONDS = Number(process.env['BENCH_PHASE_SECONDS'] ?? 40);
const ARRIVALS_PER_SECOND = 2;

const sandbox = await startSandbox({
  port: 0,
  seed: { wallet: { locations: LOCATIONS, spotsPerLocation: SPOTS } },
});
try {
  const spots = seededSpots(sandbox);
  const { macId, macKey, projectId } = sandbox.credentials.wallet;
  const client = (retry: number) =>
    createWalletClient({
      credentials: { macId, macKey },
      baseUrl: sandbox.urls.wallet,
      projectId,
      retry: { limit: retry },
    });
  const o = { seconds: PHASE_SECONDS, arrivalsPerSecond: ARRIVALS_PER_SECOND, drainMs: 8000 };
  const a = await phase(sandbox, spots, naive(client(2), sandbox), o);
  const b = await phase(
    sandbox,
    spots,
    await engine(client(0), sandbox, {
      budget: createTokenBucket({ requestsPerMinute: 1200, burst: 60 }),
      polling: { fastIntervalMs: 350 },
    }),
    o,
  );
  const row = (name: string, r: typeof a) => {
    const s = summarize(r.latencies);
    return {
      poller: name,
      checkouts: r.checkouts,
      confirmed: s.count - r.unconfirmed,
      'p50 ms': Math.round(s.p50),
      'p95 ms': Math.round(s.p95),
      'max ms': Math.round(s.max),
      'requests/min': Math.round(r.requestsPerMinute),
    };
  };
  printTable(
    `scan-and-pay: ${LOCATIONS} locations × ${SPOTS} spots, ${ARRIVALS_PER_SECOND} scans/s, ${PHASE_SECONDS} s per poller`,
    [row('naive per-location @4s', a), row('engine (batched, adaptive, budgeted)', b)],
  );
  console.log(
    `\nengine vs naive: p95 ${(summarize(b.latencies).p95 / summarize(a.latencies).p95).toFixed(2)}×, requests/min ${(b.requestsPerMinute / a.requestsPerMinute).toFixed(2)}×`,
  );
} finally {
  await sandbox.close();
}
