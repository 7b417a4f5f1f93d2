// Scan-to-confirm latency and Wallet requests per minute: a naive per-location poller (every 4 s, the
// guide's advice) against the engine, on the same random arrivals, side by side in one run.
// 50 locations × 10 spots; customers scan at random and accept the moment their order shows.
// Run: pnpm --filter @tillkit/paysera bench   (≈ 2 × PHASE_SECONDS)
import { printTable, summarize } from '@tillkit/bench';
import { type Sandbox, startSandbox } from '@tillkit/sandbox';
import { createTokenBucket } from '../src/engine/budget.ts';
import { createScanAndPayEngine } from '../src/engine/engine.ts';
import { createWalletClient, type WalletClient } from '../src/wallet/client.ts';

const LOCATIONS = 50;
const SPOTS = 10;
const PHASE_SECONDS = Number(process.env['BENCH_PHASE_SECONDS'] ?? 40);
const ARRIVALS_PER_SECOND = 2;

interface BenchSpot {
  id: number;
  locationId: number;
  identifier: string;
  code: string;
}

/** The spots of the locations the sandbox seeded (`seed.wallet.locations` × `spotsPerLocation`). */
function seededSpots(sandbox: Sandbox): BenchSpot[] {
  return sandbox.credentials.wallet.locations.flatMap((location) =>
    location.spots.map((spot) => ({ ...spot, locationId: location.id })),
  );
}

/** A deterministic random source, so both contestants face the same arrivals. */
function rng(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

interface Contestant {
  start(spot: BenchSpot, orderId: string, onConfirmed: () => void): Promise<void>;
  stop(): Promise<void>;
}

/** Runs one phase: random arrivals on free spots; returns latencies (ms) and requests per minute. */
async function phase(sandbox: Sandbox, spots: BenchSpot[], c: Contestant, name: string) {
  const random = rng(42);
  const busy = new Set<number>();
  const latencies: number[] = [];
  sandbox.control.resetStats();
  const started = performance.now();
  const end = started + PHASE_SECONDS * 1000;
  let n = 0;
  const pending: Promise<void>[] = [];
  while (performance.now() < end) {
    await new Promise((r) => setTimeout(r, -Math.log(1 - random()) * (1000 / ARRIVALS_PER_SECOND)));
    const free = spots.filter((s) => !busy.has(s.id));
    const spot = free[Math.floor(random() * free.length)];
    if (!spot) continue;
    busy.add(spot.id);
    const orderId = `${name}-${++n}`;
    pending.push(
      (async () => {
        let scannedAt = 0;
        await c.start(spot, orderId, () => {
          latencies.push(performance.now() - scannedAt);
          setTimeout(() => busy.delete(spot.id), 2000);
        });
        await new Promise((r) => setTimeout(r, random() * 500));
        scannedAt = performance.now();
        sandbox.control.wallet.scan(spot.code);
      })(),
    );
  }
  await Promise.all(pending);
  const minutes = (performance.now() - started) / 60_000;
  const requests = sandbox.control.stats().total;
  await new Promise((r) => setTimeout(r, 8000));
  await c.stop();
  return { latencies, requestsPerMinute: requests / minutes, checkouts: n };
}

/** The guide's loop, once per location: every 4 s list waiting spots and reserved transactions of the location. */
function naive(wallet: WalletClient, sandbox: Sandbox): Contestant {
  const live = new Map<number, { spot: BenchSpot; key: string; attached: boolean; done: () => void }>();
  const timers: NodeJS.Timeout[] = [];
  const locations = sandbox.credentials.wallet.locations.map((l) => l.id);
  for (const [i, locationId] of locations.entries()) {
    const loop = async () => {
      const mine = [...live.values()].filter((x) => x.spot.locationId === locationId);
      const waiting = await wallet.listWaitingSpots([locationId]).catch(() => []);
      for (const s of waiting) {
        const x = live.get(s.id);
        if (x && !x.attached) {
          await wallet.attachOrder(s.id, x.key);
          x.attached = true;
          sandbox.control.wallet.accept(s.id);
        }
      }
      const reserved = await wallet
        .listTransactions({ status: 'reserved' })
        .catch(() => ({ transactions: [] }));
      for (const t of reserved.transactions) {
        const x = mine.find((m) => m.key === t.transaction_key);
        if (!x) continue;
        await wallet.confirmTransaction(t.transaction_key, { locationId });
        x.done();
        await wallet.closeSpot(x.spot.id);
        live.delete(x.spot.id);
      }
    };
    // Staggered starts, as independent per-location loops would be.
    timers.push(
      setTimeout(() => timers.push(setInterval(() => void loop(), 4000)), (i * 4000) / locations.length),
    );
  }
  return {
    async start(spot, orderId, onConfirmed) {
      const tx = await wallet.createTransaction(
        {
          payments: [{ description: 'Bench', price: 500, currency: 'EUR', parameters: { orderid: orderId } }],
        },
        { locationId: spot.locationId },
      );
      live.set(spot.id, { spot, key: tx.transaction_key, attached: false, done: onConfirmed });
    },
    async stop() {
      for (const t of timers) clearInterval(t);
    },
  };
}

function engine(wallet: WalletClient, sandbox: Sandbox): Contestant {
  const e = createScanAndPayEngine({
    wallet,
    budget: createTokenBucket({ requestsPerMinute: 1200, burst: 60 }),
    polling: { fastIntervalMs: 350 },
  });
  const waiters = new Map<string, () => void>();
  e.onStatus((ev) => {
    if (ev.status === 'order_attached') sandbox.control.wallet.accept(ev.checkout.spotId);
    if (ev.status === 'confirmed') waiters.get(ev.orderId)?.();
  });
  e.start();
  return {
    async start(spot, orderId, onConfirmed) {
      waiters.set(orderId, onConfirmed);
      await e.startCheckout({
        orderId,
        locationId: spot.locationId,
        spotId: spot.id,
        spotIdentifier: spot.identifier,
        amount: { amount: 500, currency: 'EUR' },
        description: 'Bench',
      });
    },
    stop: () => e.stop(),
  };
}

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
  const a = await phase(sandbox, spots, naive(client(2), sandbox), 'naive');
  const b = await phase(sandbox, spots, engine(client(0), sandbox), 'engine');
  const row = (name: string, r: typeof a) => {
    const s = summarize(r.latencies);
    return {
      poller: name,
      checkouts: r.checkouts,
      confirmed: s.count,
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
