// The two pollers the scan-and-pay benchmarks race, and one phase of random arrivals. Shared by
// scan-and-pay.bench.ts (the engine's own budget against an unbudgeted naive loop) and budgets.bench.ts
// (both at the same Paysera budget, with callbacks on and off).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Sandbox } from '@tillkit/sandbox';
import type { RequestBudget } from '../src/engine/budget.ts';
import { createScanAndPayEngine, type ScanAndPayEngineOptions } from '../src/engine/engine.ts';
import { withBudget } from '../src/engine/wallet-budget.ts';
import type { WalletPort } from '../src/engine/wallet-port.ts';
import { verifyWalletCallback } from '../src/wallet/callback.ts';

export interface BenchSpot {
  id: number;
  locationId: number;
  identifier: string;
  code: string;
}

/** The spots of the locations the sandbox seeded (`seed.wallet.locations` × `spotsPerLocation`). */
export function seededSpots(sandbox: Sandbox): BenchSpot[] {
  return sandbox.credentials.wallet.locations.flatMap((location) =>
    location.spots.map((spot) => ({ ...spot, locationId: location.id })),
  );
}

/** A deterministic random source, so every contestant faces the same arrivals. */
export function rng(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

export interface Contestant {
  start(spot: BenchSpot, orderId: string, onConfirmed: () => void): Promise<void>;
  stop(): Promise<void>;
}

export interface PhaseOptions {
  seconds: number;
  arrivalsPerSecond: number;
  /** After the last arrival, how long confirms may still come in. */
  drainMs: number;
}

/**
 * Random arrivals on free spots; each customer scans shortly after the shop starts the checkout. Returns
 * scan-to-confirm latencies (ms): a checkout still unconfirmed after the drain counts with the time it had
 * waited by then (a lower bound), so an overloaded poller cannot look better by losing its slowest ones.
 */
export async function phase(sandbox: Sandbox, spots: BenchSpot[], c: Contestant, o: PhaseOptions) {
  const random = rng(42);
  const busy = new Set<number>();
  const latencies: number[] = [];
  const waiting = new Map<string, number>();
  sandbox.control.resetStats();
  const started = performance.now();
  const end = started + o.seconds * 1000;
  let n = 0;
  const pending: Promise<void>[] = [];
  while (performance.now() < end) {
    await new Promise((r) => setTimeout(r, -Math.log(1 - random()) * (1000 / o.arrivalsPerSecond)));
    const free = spots.filter((s) => !busy.has(s.id));
    const spot = free[Math.floor(random() * free.length)];
    if (!spot) continue;
    busy.add(spot.id);
    const orderId = `bench-${++n}`;
    const think = random() * 500;
    pending.push(
      (async () => {
        await c.start(spot, orderId, () => {
          const scannedAt = waiting.get(orderId);
          waiting.delete(orderId);
          if (scannedAt !== undefined) latencies.push(performance.now() - scannedAt);
          setTimeout(() => busy.delete(spot.id), 2000);
        });
        await new Promise((r) => setTimeout(r, think));
        waiting.set(orderId, performance.now());
        sandbox.control.wallet.scan(spot.code);
      })(),
    );
  }
  await Promise.all(pending);
  const drainEnd = performance.now() + o.drainMs;
  while (waiting.size > 0 && performance.now() < drainEnd) await new Promise((r) => setTimeout(r, 100));
  const minutes = (performance.now() - started) / 60_000;
  const requests = sandbox.control.stats().total;
  const unconfirmed = waiting.size;
  for (const at of waiting.values()) latencies.push(performance.now() - at);
  await c.stop();
  return { latencies, requestsPerMinute: requests / minutes, checkouts: n, unconfirmed };
}

/**
 * The guide's loop, once per location: every 4 s list waiting spots and reserved transactions. With a
 * `budget`, each request first waits for a token, as any client held to Paysera's limit must.
 */
export function naive(port: WalletPort, sandbox: Sandbox, budget?: RequestBudget): Contestant {
  const wallet = budget ? withBudget(port, budget, () => undefined) : port;
  const live = new Map<number, { spot: BenchSpot; key: string; attached: boolean; done: () => void }>();
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;
  const locations = sandbox.credentials.wallet.locations.map((l) => l.id);
  for (const [i, locationId] of locations.entries()) {
    let running = false;
    // One pass at a time per location: when the budget makes a pass outlast the 4 s interval, the next
    // tick is skipped rather than racing it (which would attach or confirm twice).
    const loop = async () => {
      if (stopped || running) return;
      running = true;
      await pass().catch(() => undefined);
      running = false;
    };
    const pass = async () => {
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
      stopped = true;
      for (const t of timers) clearInterval(t);
    },
  };
}

/**
 * The engine; with `callbacks`, a loopback endpoint receives the sandbox's signed callbacks, verifies them
 * and hands them to `onTransactionEvent` (polling stays on as the fallback).
 */
export async function engine(
  wallet: WalletPort,
  sandbox: Sandbox,
  options: Pick<ScanAndPayEngineOptions, 'budget' | 'polling'> & { callbacks?: boolean },
): Promise<Contestant> {
  const server = options.callbacks ? createServer() : undefined;
  let callbackUri: string | undefined;
  if (server) {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    callbackUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/paysera`;
  }
  const e = createScanAndPayEngine({
    wallet,
    ...options,
    ...(callbackUri === undefined ? {} : { callbackUri }),
  });
  const pem = sandbox.control.walletCallbacks.publicKeyPem();
  server?.on('request', async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    try {
      const event = verifyWalletCallback(body, pem);
      if (event.object === 'transaction') {
        const hint = event.data.payments?.[0]?.parameters?.['checkoutid'];
        await e.onTransactionEvent(event.data.transaction_key, typeof hint === 'string' ? hint : undefined);
      }
      res.writeHead(200).end();
    } catch {
      res.writeHead(503).end();
    }
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
    async stop() {
      await e.stop();
      if (server) await new Promise((r) => server.close(r));
    },
  };
}
