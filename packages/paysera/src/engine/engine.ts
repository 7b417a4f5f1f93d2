import { formatSpotCode, parseOrThrow, TillKitError, toTillKitError } from '@tillkit/models';
import { createTokenBucket, type RequestBudget } from './budget.ts';
import { isLive, nextStep, type Observation } from './machine.ts';
import { createPollState, observe } from './observe.ts';
import { type PollingOptions, PollSchedule, resolvePolling } from './poller.ts';
import { pickSpot, spotKey } from './spots.ts';
import { runStep, type StepContext } from './steps.ts';
import { createMemoryLock, createMemoryPaymentStore, type Lock, type PaymentStore } from './store.ts';
import {
  type Checkout,
  type CheckoutStatusEvent,
  type EngineLogger,
  StartCheckoutInput,
  silentLogger,
} from './types.ts';
import { withBudget } from './wallet-budget.ts';
import type { WalletPort } from './wallet-port.ts';

/** Options of {@link createScanAndPayEngine}. */
export interface ScanAndPayEngineOptions {
  /** The Wallet API (a `WalletClient`). Give it no retries of its own: the engine retries on its next round. */
  wallet: WalletPort;
  /** @default in-memory (one process) */
  store?: PaymentStore;
  /** @default in-memory (one process) */
  lock?: Lock;
  /** Every Wallet request takes a token. @default a token bucket of 100 requests/min */
  budget?: RequestBudget;
  polling?: PollingOptions;
  /** How long a shopper has to scan and pay. @default 300000 (5 min) */
  checkoutTtlMs?: number;
  /** Lock TTL: a killed worker's checkout is resumed after this. Keep it above the HTTP timeout. @default 30000 */
  lockTtlMs?: number;
  /** Sent as `project_id` in the MAC ext of transaction create and confirm. */
  projectId?: number;
  /** Checkouts advanced at once in a round. @default 8 */
  concurrency?: number;
  logger?: EngineLogger;
  clock?: () => number;
}

/** What one round did (for schedulers, logs and benchmarks). */
export interface TickReport {
  live: number;
  /** Wallet requests sent during the round. */
  requests: number;
}

/** The scan-and-pay engine. */
export interface ScanAndPayEngine {
  /** Starts (or, for an order already started, returns) a checkout. Its `qr` is what the shopper scans. */
  startCheckout(input: StartCheckoutInput): Promise<Checkout>;
  getCheckout(orderId: string): Promise<Checkout | undefined>;
  /** Subscribes to status changes made by this engine instance; returns the unsubscribe function. */
  onStatus(listener: (event: CheckoutStatusEvent) => void): () => void;
  /** One round: observe in batches, then advance every live checkout. Schedulers (BullMQ, JobQueue) call this. */
  tick(): Promise<TickReport>;
  /** Runs rounds on an adaptive timer in this process until {@link ScanAndPayEngine.stop}. */
  start(): void;
  stop(): Promise<void>;
  /** Wallet requests sent since creation. */
  readonly requestCount: number;
}

/**
 * Creates the scan-and-pay engine.
 *
 * @example
 * const engine = createScanAndPayEngine({ wallet: createWalletClient({ credentials }) });
 * engine.onStatus((e) => console.log(e.orderId, e.status));
 * engine.start();
 * const { qr } = await engine.startCheckout({ orderId: '1001', locationId: 9975, spotId: 15, amount: { amount: 2599, currency: 'EUR' }, description: 'Table 1' });
 */
export function createScanAndPayEngine(options: ScanAndPayEngineOptions): ScanAndPayEngine {
  const clock = options.clock ?? Date.now;
  const store = options.store ?? createMemoryPaymentStore();
  const lock = options.lock ?? createMemoryLock(clock);
  const budget = options.budget ?? createTokenBucket({ requestsPerMinute: 100, clock });
  const logger = options.logger ?? silentLogger;
  const polling = resolvePolling(options.polling);
  const schedule = new PollSchedule(polling, budget);
  const pollState = createPollState();
  const ttl = options.checkoutTtlMs ?? 300_000;
  const lockTtl = options.lockTtlMs ?? 30_000;
  const concurrency = options.concurrency ?? 8;
  const listeners = new Set<(e: CheckoutStatusEvent) => void>();
  let requests = 0;
  const wallet = withBudget(options.wallet, budget, () => {
    requests++;
  });

  const emit = (previous: Checkout, next: Checkout) => {
    if (previous.status === next.status) return;
    const event: CheckoutStatusEvent = {
      checkoutId: next.id,
      orderId: next.orderId,
      previous: previous.status,
      status: next.status,
      checkout: next,
    };
    for (const l of listeners) {
      try {
        l(event);
      } catch (error) {
        logger.error('status listener threw', { error: toTillKitError(error).message });
      }
    }
  };

  const save = async (next: Checkout): Promise<Checkout> => {
    const written = { ...next, version: next.version + 1 };
    if (!(await store.replace(written))) {
      throw new TillKitError('CONFLICT', `Checkout ${next.id} was changed by another worker`, {
        retryable: true,
      });
    }
    return written;
  };

  const stepContext: StepContext = {
    wallet,
    now: clock,
    save,
    listSlackSeconds: polling.listSlackSeconds,
    ...(options.projectId === undefined ? {} : { projectId: options.projectId }),
  };

  /** Advances one checkout as far as it can go now, holding its lock. */
  const advance = async (id: string, observation: Observation | undefined): Promise<void> => {
    const handle = await lock.acquire(`checkout:${id}`, lockTtl);
    if (!handle) return;
    try {
      let c = await store.get(id);
      let o: Observation = observation ?? { now: clock() };
      for (let i = 0; c && i < 10; i++) {
        const step = nextStep(c, o);
        if (step.kind === 'done') {
          await store.releaseSpot(spotKey(c), c.id);
          await store.retire(c.id);
          return;
        }
        if (step.kind === 'wait') return;
        const next = await runStep(step, c, stepContext);
        emit(c, next);
        c = next;
        o = { now: clock() };
      }
    } catch (error) {
      const e = toTillKitError(error);
      logger.warn('checkout step deferred to the next round', {
        checkoutId: id,
        code: e.code,
        message: e.message,
      });
    } finally {
      await handle.release();
    }
  };

  const runAll = async (ids: string[], observations: Map<string, Observation>) => {
    let next = 0;
    const worker = async () => {
      while (next < ids.length) {
        const id = ids[next++] as string;
        await advance(id, observations.get(id));
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, worker));
  };

  const tick = async (): Promise<TickReport> => {
    const before = requests;
    const live = (await store.listLive()).filter(isLive);
    if (live.length === 0) return { live: 0, requests: 0 };
    // Work that needs no observation first (create, confirm, close, expire): side effects beat polls. These
    // steps wait for a token if need be; polls never wait and stop at `reservedTokens`, so they cannot starve them.
    const now = clock();
    const eager = live.filter((c) => nextStep(c, { now }).kind !== 'wait').map((c) => c.id);
    await runAll(eager, new Map());
    const fresh = (await store.listLive()).filter(isLive);
    let observations = new Map<string, Observation>();
    try {
      observations = await observe(fresh, wallet, budget, polling, clock(), pollState);
    } catch (error) {
      const e = toTillKitError(error);
      logger.warn('poll failed; retrying next round', { code: e.code, message: e.message });
    }
    await runAll([...observations.keys()], observations);
    return { live: fresh.length, requests: requests - before };
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = true;
  const loop = () => {
    running = tick()
      .catch((error: unknown) => {
        logger.error('engine round failed', { message: toTillKitError(error).message });
        return { live: 1, requests: 0 };
      })
      .then((report) => schedule.nextDelay(report.live))
      .then((delay) => {
        if (!stopped) timer = setTimeout(loop, delay);
      });
  };
  const wake = () => {
    schedule.reset();
    if (stopped || running === undefined) return;
    // Cut a long idle wait short; a round in flight reschedules itself.
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
      void running.then(() => {
        if (!stopped && timer === undefined) loop();
      });
    }
  };

  return {
    async startCheckout(raw) {
      const input = parseOrThrow(StartCheckoutInput, raw, 'checkout');
      const existing = await store.get(input.orderId);
      if (existing) return existing;
      const spot = await pickSpot(input, wallet, store);
      const now = clock();
      const checkout: Checkout = {
        id: input.orderId,
        orderId: input.orderId,
        locationId: input.locationId,
        spotId: spot.id,
        spotIdentifier: spot.identifier,
        qr: formatSpotCode({ locationId: input.locationId, identifier: spot.identifier }),
        amount: input.amount,
        description: input.description,
        status: 'awaiting_scan',
        confirmAttempts: 0,
        spotClosed: false,
        createdAt: now,
        updatedAt: now,
        expiresAt: now + ttl,
        version: 1,
      };
      const { checkout: stored, created } = await store.insert(checkout);
      // Lost a race for the same order: free the spot we claimed, unless the winner holds that very spot
      // (claims are keyed by the order id, so releasing it would free the winner's spot).
      if (!created && stored.spotId !== checkout.spotId)
        await store.releaseSpot(spotKey(checkout), checkout.id);
      wake();
      return stored;
    },
    getCheckout: (orderId) => store.get(orderId),
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    tick,
    start() {
      if (!stopped) return;
      stopped = false;
      loop();
    },
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      await running;
    },
    get requestCount() {
      return requests;
    },
  };
}
