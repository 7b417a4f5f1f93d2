import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkoutOptionsFromEnv, createCheckoutService } from '@tillkit/checkout';
import { type Sandbox, startSandbox } from '@tillkit/sandbox';
import { Redis } from 'ioredis';
import { type Audit, auditSandbox, countStuck, outcomes, quiet } from './audit.ts';
import { createFaultInjector } from './faults.ts';
import { pickBehaviour, shop } from './shopper.ts';
import { startWorkers } from './workers.ts';

// The chaos run: N payments through `tillkit-checkout-worker` processes sharing one Redis store and
// request budget, while the sandbox injects faults on create, confirm and sign and workers are killed
// with SIGKILL and restarted. The result is counted from the sandbox's state (audit.ts).

export interface ChaosOptions {
  payments: number;
  workers: number;
  /** Payments in flight at once (the sandbox seeds this many spots, plus two). */
  concurrency: number;
  seed: number;
  redisUrl: string;
  /** Mean ms between two kills. */
  killEveryMs: number;
  /** Mean ms between two injected faults. */
  faultEveryMs: number;
  /** How long one payment may take before the shopper stops waiting for it. */
  paymentDeadlineMs: number;
  /** How long the system may take to settle once every shopper is done. */
  settleMs: number;
  progress?: (line: string) => void;
}

export interface ChaosResult extends Audit {
  payments: number;
  workers: number;
  kills: number;
  faults: number;
  seconds: number;
  /** Attempts per final status, read through the service (`confirmed+signed`, `cancelled` …). */
  outcomes: Record<string, number>;
  /** Confirms the sandbox refused (409: a confirm sent twice for one transaction never charges twice). */
  refusedConfirms: number;
  /** The workers' stderr; its folder is the caller's to remove. */
  logFile: string;
}

/** mulberry32: a seeded random source, so a failing run can be replayed with its `--seed`. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Short timeouts and TTLs so faults and kills cost seconds, not minutes; the lock TTL stays above the
// HTTP timeout (the engine's rule), and latency faults exceed the timeout.
const HTTP_TIMEOUT_MS = 1500;

function workerEnv(sandbox: Sandbox, redisUrl: string, prefix: string): Record<string, string> {
  const { wallet: w, fiskaltrust: f } = sandbox.credentials;
  return {
    PATH: process.env['PATH'] ?? '',
    TILLKIT_REDIS_URL: redisUrl,
    TILLKIT_REDIS_PREFIX: prefix,
    PAYSERA_MAC_ID: w.macId,
    PAYSERA_MAC_KEY: w.macKey,
    PAYSERA_PROJECT_ID: String(w.projectId),
    PAYSERA_LOCATION_ID: String(w.locationId),
    PAYSERA_WALLET_URL: sandbox.urls.wallet,
    PAYSERA_TIMEOUT_MS: String(HTTP_TIMEOUT_MS),
    FISKALTRUST_URL: sandbox.url,
    FISKALTRUST_CASHBOX_ID: f.cashBoxId,
    FISKALTRUST_ACCESS_TOKEN: f.accessToken,
    FISKALTRUST_COUNTRY: 'AT',
    FISKALTRUST_TIMEOUT_MS: String(HTTP_TIMEOUT_MS),
    TILLKIT_REQUESTS_PER_MINUTE: '6000',
    TILLKIT_TICK_MS: '100',
    TILLKIT_CHECKOUT_TTL_MS: '12000',
    TILLKIT_LOCK_TTL_MS: '5000',
    TILLKIT_LEADER_LEASE_MS: '1500',
    TILLKIT_JOB_LEASE_MS: '4000',
    TILLKIT_JOB_MAX_DELAY_MS: '500',
  };
}

/** A loop calling `fn` at random intervals (exponential, mean `meanMs`) until stopped. */
function every(random: () => number, meanMs: number, fn: () => unknown) {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const next = () => {
    timer = setTimeout(
      async () => {
        await fn();
        if (!stopped) next();
      },
      Math.min(meanMs * 4, -Math.log(1 - random()) * meanMs),
    );
  };
  next();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

async function dropKeys(redisUrl: string, prefix: string) {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
  try {
    let cursor = '0';
    for (let i = 0; i < 100_000; i++) {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
      if (cursor === '0') break;
    }
  } finally {
    redis.disconnect();
  }
}

export async function runChaos(o: ChaosOptions): Promise<ChaosResult> {
  const began = Date.now();
  const random = seeded(o.seed);
  const dir = mkdtempSync(join(tmpdir(), 'tk-chaos-'));
  const logFile = join(dir, 'workers.log');
  const prefix = `{tk-chaos-${randomUUID()}}:`;
  const sandbox = await startSandbox({ port: 0, seed: { wallet: { spots: o.concurrency + 2 } } });
  const env = workerEnv(sandbox, o.redisUrl, prefix);
  const web = createCheckoutService(await checkoutOptionsFromEnv(env));
  const pool = startWorkers(o.workers, env, logFile);
  const faults = createFaultInjector(sandbox, random, HTTP_TIMEOUT_MS);
  const stopFaults = every(random, o.faultEveryMs, () => faults.inject());
  const stopKills = every(random, o.killEveryMs, () =>
    pool.killOne(Math.floor(random() * pool.size), 200 + random() * 1000),
  );
  try {
    const ids: (string | undefined)[] = [];
    let next = 0;
    const lane = async () => {
      while (next < o.payments) {
        const i = next++;
        const deadline = Date.now() + o.paymentDeadlineMs;
        ids[i] = await shop(
          { sandbox, web, random, deadline },
          `chaos-${o.seed}-${i}`,
          pickBehaviour(random),
        );
        if ((i + 1) % 100 === 0)
          o.progress?.(`${i + 1} payments, ${pool.kills} kills, ${faults.fired()} faults`);
      }
    };
    await Promise.all(Array.from({ length: Math.min(o.concurrency, o.payments) }, lane));
    // Chaos off; the workers get `settleMs` to finish what is left (revokes, spot closes, receipts).
    stopFaults();
    stopKills();
    faults.clear();
    const settleBy = Date.now() + o.settleMs;
    let stuck = await countStuck(web, ids);
    while (Date.now() < settleBy && (stuck > 0 || !quiet(auditSandbox(sandbox)))) {
      await new Promise((r) => setTimeout(r, 500));
      stuck = await countStuck(web, ids);
    }
    await pool.stopAll();
    const audit = auditSandbox(sandbox);
    return {
      payments: o.payments,
      workers: o.workers,
      kills: pool.kills,
      faults: faults.fired(),
      ...audit,
      stuck,
      outcomes: await outcomes(web, ids),
      refusedConfirms: sandbox.control.walletLedger.totals().refusedConfirms,
      seconds: Math.round((Date.now() - began) / 1000),
      logFile,
    };
  } finally {
    stopFaults();
    stopKills();
    await pool.stopAll();
    await web.stop();
    await sandbox.close();
    await dropKeys(o.redisUrl, prefix);
  }
}

/** The one closing line (issue 14). */
export function closingLine(r: ChaosResult): string {
  return (
    `chaos: ${r.payments} payments, ${r.workers} workers, ${r.kills} kills, ${r.faults} faults; ` +
    `double confirms ${r.doubleConfirms}, double signs ${r.doubleSigns}, held reservations ${r.heldReservations}, ` +
    `open spots ${r.openSpots}, stuck ${r.stuck}, lost receipts ${r.lostReceipts}`
  );
}

export const clean = (r: Audit) =>
  r.doubleConfirms + r.doubleSigns + r.heldReservations + r.openSpots + r.stuck + r.lostReceipts === 0;
