import { parseOrThrow, TillKitError, toTillKitError } from '@tillkit/models';
import { createTokenBucket, type RequestBudget } from './budget.ts';
import { newCheckout, requestCancel, requestCapture, updateCheckout } from './commands.ts';
import { defaultLimits, isLive, type MachineLimits, nextStep, type Observation } from './machine.ts';
import { createPollState, observe } from './observe.ts';
import { type PollingOptions, PollSchedule, resolvePolling } from './poller.ts';
import { pickSpot, spotKey } from './spots.ts';
import { runStep, type StepContext } from './steps.ts';
import { createMemoryLock, createMemoryPaymentStore, type Lock, type PaymentStore } from './store.ts';
import { type TriggerResult, triggerTransaction } from './trigger.ts';
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
  /** Confirms sent for one checkout before its reservation is released instead (a 4xx that never clears). @default 5 */
  maxConfirmAttempts?: number;
  /** Manual capture: a reservation not captured within this is released. @default 604800000 (7 days) */
  authorizationTtlMs?: number;
  /**
   * Sent as each transaction's `callback_uri`: Paysera then POSTs the customer's accept, reject and fail
   * there; verify each and pass it to {@link ScanAndPayEngine.onTransactionEvent}. @default Paysera's project setting
   */
  callbackUri?: string;
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
  /** Starts (or, for a checkout id already started, returns) a checkout. Its `qr` is what the shopper scans. */
  startCheckout(input: StartCheckoutInput): Promise<Checkout>;
  getCheckout(checkoutId: string): Promise<Checkout | undefined>;
  /**
   * Records a cancel: from then on the engine revokes the transaction (releasing a reservation) and closes
   * the spot. INVALID_STATE when a confirm was recorded first (the payment won) or the money is taken.
   */
  cancel(checkoutId: string): Promise<Checkout>;
  /**
   * Manual capture: records the amount to confirm (≤ the reserved amount; default all of it); the next round
   * confirms it. A confirmed checkout is returned as it is. INVALID_STATE before the reservation or after an unpaid end.
   */
  capture(checkoutId: string, amount?: number): Promise<Checkout>;
  /**
   * A verified Wallet callback for `transactionKey` (the callback's `payments[0].parameters.checkoutid` is a
   * hint): re-reads the transaction and advances its checkout at once, idempotently. Polling stays the fallback.
   */
  onTransactionEvent(transactionKey: string, checkoutId?: string): Promise<TriggerResult>;
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
  const limits: MachineLimits = {
    authorizationTtlMs: options.authorizationTtlMs ?? defaultLimits.authorizationTtlMs,
    // A create that never answered can land up to one HTTP timeout later; the lock TTL is above that.
    createSettleMs: lockTtl,
  };
  const listeners = new Set<(e: CheckoutStatusEvent) => void>();
  let requests = 0;
  const count = () => {
    requests++;
  };
  // Starting a checkout may wait out the budget; a step, which holds the checkout's lock, waits at most a
  // third of the lock's TTL and is deferred past that, so no other worker can take the lock over mid-step.
  const wallet = withBudget(options.wallet, budget, count);
  const lockedWallet = withBudget(options.wallet, budget, count, lockTtl / 3);

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
        logger.error?.('status listener threw', { error: toTillKitError(error).message });
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
    wallet: lockedWallet,
    now: clock,
    save,
    listSlackSeconds: polling.listSlackSeconds,
    maxConfirmAttempts: options.maxConfirmAttempts ?? 5,
    reserveForHours: Math.max(1, Math.ceil(Math.max(ttl, limits.authorizationTtlMs) / 3_600_000)),
    limits,
    ...(options.projectId === undefined ? {} : { projectId: options.projectId }),
    ...(options.callbackUri === undefined ? {} : { callbackUri: options.callbackUri }),
  };

  /** Advances one checkout as far as it can go now; false when the request budget ran dry. */
  const advance = async (id: string, observation: Observation | undefined): Promise<boolean> => {
    const handle = await lock.acquire(`checkout:${id}`, lockTtl);
    if (!handle) return true;
    try {
      let c = await store.get(id);
      let o: Observation = observation ?? { now: clock() };
      for (let i = 0; c && i < 10; i++) {
        const step = nextStep(c, o, limits);
        if (step.kind === 'done') {
          await store.releaseSpot(spotKey(c), c.id);
          await store.retire(c.id);
          return true;
        }
        if (step.kind === 'wait') return true;
        const next = await runStep(step, c, stepContext);
        emit(c, next);
        c = next;
        o = { now: clock() };
      }
      return true;
    } catch (error) {
      const e = toTillKitError(error);
      logger.warn?.('checkout step deferred to the next round', {
        checkoutId: id,
        code: e.code,
        message: e.message,
      });
      return e.code !== 'RATE_LIMITED';
    } finally {
      await handle.release();
    }
  };

  const runAll = async (ids: string[], observations: Map<string, Observation>) => {
    let next = 0;
    let budgetLeft = true;
    // Once the budget runs dry every further step would be deferred too: leave them to the next round.
    const worker = async () => {
      while (budgetLeft && next < ids.length) {
        const id = ids[next++] as string;
        if (!(await advance(id, observations.get(id)))) budgetLeft = false;
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
    const eager = live.filter((c) => nextStep(c, { now }, limits).kind !== 'wait').map((c) => c.id);
    await runAll(eager, new Map());
    const fresh = (await store.listLive()).filter(isLive);
    let observations = new Map<string, Observation>();
    try {
      observations = await observe(fresh, wallet, budget, polling, clock(), pollState);
    } catch (error) {
      const e = toTillKitError(error);
      logger.warn?.('poll failed; retrying next round', { code: e.code, message: e.message });
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
        logger.error?.('engine round failed', { message: toTillKitError(error).message });
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
      const id = input.checkoutId ?? input.orderId;
      const existing = await store.get(id);
      if (existing) return existing;
      const spot = await pickSpot(input, id, wallet, store);
      const { checkout: stored, created } = await store.insert(newCheckout(input, id, spot, clock(), ttl));
      // Lost a race for the same checkout id: free the spot we claimed, unless the winner holds that very
      // spot (claims are keyed by the checkout id, so releasing it would free the winner's spot).
      if (!created && stored.spotId !== spot.id)
        await store.releaseSpot(spotKey({ ...input, spotId: spot.id }), id);
      wake();
      return stored;
    },
    getCheckout: (id) => store.get(id),
    async cancel(id) {
      const c = await updateCheckout(store, id, (current) => requestCancel(current, clock()));
      wake();
      return c;
    },
    async capture(id, amount) {
      const c = await updateCheckout(store, id, (current) => requestCapture(current, amount, clock()));
      wake();
      return c;
    },
    async onTransactionEvent(transactionKey, checkoutId) {
      const result = await triggerTransaction(
        { store, wallet, advance, now: clock },
        transactionKey,
        checkoutId,
      );
      if (result.refetched) wake();
      return result;
    },
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
