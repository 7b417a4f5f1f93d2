import { randomBytes, randomUUID } from 'node:crypto';
import { type Money, TillKitError } from '@tillkit/models';
import { createScanAndPayEngine, createTokenBucket } from '@tillkit/paysera';
import { attemptsOf, findView, startAttempt, viewOf } from './attempts.ts';
import { handleWalletCallback } from './callbacks.ts';
import { createEnginePaymentStore, createStoreLock } from './engine-store.ts';
import { createEventBus } from './events.ts';
import { outboxHook } from './hook.ts';
import { createJobRunner } from './jobs.ts';
import { type CheckoutServiceOptions, checkOptions } from './options.ts';
import { type SignJobPayload, signJob } from './receipts/sign-jobs.ts';
import {
  isPaid,
  type ReceiptKind,
  type ReceiptRecord,
  receiptJobKey,
  receiptKey,
  type ServiceContext,
} from './records.ts';
import { refundAttempt, refundsOf, refundView } from './refunds.ts';
import { createSpotReclaimer } from './spot-reclaim.ts';
import type { CheckoutService, ReceiptState } from './types.ts';

const silent = { warn() {}, error() {} };

/**
 * Creates the checkout service: payment attempts over the scan-and-pay engine, receipts signed from the
 * order snapshot by durable jobs, refunds, and the event stream — all state in `store`. Call `run()` in
 * the process (or processes) that should drive rounds: one holds the ticker lease, the others stand by.
 *
 * @example
 * const checkout = createCheckoutService({ store: createSqliteCheckoutStore({ path: 'tillkit.sqlite' }),
 *   wallet: createWalletClient({ credentials, retry: { limit: 0 } }), locationId: 9975,
 *   fiscal: { client: createFiscalClient({ cashBoxId, accessToken }), country: 'AT', cashBoxId } });
 * checkout.run();
 * const attempt = await checkout.start({ orderRef: 'order-1001', amount: { amount: 2599, currency: 'EUR' },
 *   order: { lines: [{ description: 'Pizza', quantity: 1, unitPrice: 2599, vatRate: 10 }] }, description: 'Order 1001' });
 * // show attempt.qrPayload as a QR code; checkout.subscribe('my-shop', async (e) => …) for 'confirmed', 'receipt.signed', …
 */
export function createCheckoutService(options: CheckoutServiceOptions): CheckoutService {
  checkOptions(options);
  const clock = options.clock ?? Date.now;
  const logger = options.logger ?? silent;
  const { store } = options;
  const owner = randomUUID();
  const hookContext = { store, clock };
  const engine = createScanAndPayEngine({
    wallet: options.wallet,
    store: createEnginePaymentStore(
      store,
      outboxHook(hookContext, options.pos !== undefined && options.pos.sync !== false),
    ),
    lock: createStoreLock(store, clock),
    budget: options.budget ?? createTokenBucket({ requestsPerMinute: 100, clock }),
    logger,
    clock,
    ...pick(options, [
      'polling',
      'checkoutTtlMs',
      'lockTtlMs',
      'maxConfirmAttempts',
      'authorizationTtlMs',
      'projectId',
    ]),
    ...(options.callbacks?.uri === undefined ? {} : { callbackUri: options.callbacks.uri }),
  });
  const ctx: ServiceContext = {
    store,
    engine,
    wallet: options.wallet,
    fiscal: options.fiscal,
    ...(options.pos ? { pos: { client: options.pos.client, sync: options.pos.sync ?? true } } : {}),
    logger,
    clock,
    shopName: options.shopName ?? 'TillKit shop',
    locationId: options.locationId,
    captureMode: options.captureMode ?? 'automatic',
    refundWindowHours: options.refundWindowHours ?? 0,
  };
  const runner = createJobRunner(ctx, owner, options.jobs);
  const reclaim =
    options.spotReclaim === false
      ? async () => 0
      : createSpotReclaimer(ctx, {
          graceMs: options.spotReclaim?.graceMs ?? 300_000,
          intervalMs: options.spotReclaim?.intervalMs ?? 60_000,
        });
  const bus = createEventBus(ctx, options.consumerLeaseMs ?? 15_000);
  const ticker = createTicker(options, async () => {
    const leader = await store.lease('ticker', owner, options.leaderLeaseMs ?? 15_000, clock());
    let live = 0;
    let jobs = 0;
    if (leader) {
      live = (await engine.tick()).live;
      jobs = await runner.runDue();
      await reclaim();
    }
    const events = await bus.deliver();
    return { leader, live, jobs, events };
  });
  const owned = async (attemptId: string) => viewOf(ctx, attemptId);

  const receiptState = async (kind: ReceiptKind, id: string, paid: boolean): Promise<ReceiptState> => {
    const r = (await store.get<ReceiptRecord>('receipts', receiptKey(kind, id)))?.value;
    if (r?.state === 'signed' && r.receipt)
      return { state: 'signed', receipt: r.pos ? { ...r.receipt, pos: r.pos } : r.receipt };
    if (r?.state === 'failed')
      return { state: 'failed', failure: r.failure ?? { code: 'FAILED', message: 'Signing failed' } };
    return paid || r ? { state: 'pending' } : { state: 'none' };
  };

  return {
    async start(input) {
      const attempt = await startAttempt(ctx, input);
      ticker.wake();
      return attempt;
    },
    get: (id) => findView(ctx, id),
    attemptsFor: (orderRef) => attemptsOf(ctx, orderRef),
    async cancel(id) {
      await owned(id);
      await engine.cancel(id);
      ticker.wake();
      return viewOf(ctx, id);
    },
    async capture(id, amount?: Money) {
      const a = await owned(id);
      if (amount && amount.currency !== a.amount.currency)
        throw new TillKitError('VALIDATION_FAILED', `capture must be in ${a.amount.currency}`, {
          issues: [{ path: 'amount.currency', message: `must be ${a.amount.currency}` }],
        });
      await engine.capture(id, amount?.amount);
      ticker.wake();
      return viewOf(ctx, id);
    },
    async refund(id, input) {
      const refund = await refundAttempt(ctx, id, input);
      ticker.wake();
      return refund;
    },
    async refunds(id) {
      return Promise.all((await refundsOf(ctx, id)).map((r) => refundView(ctx, r)));
    },
    async receipt(id) {
      const checkout = await engine.getCheckout(id);
      if (!checkout) throw new TillKitError('NOT_FOUND', 'No payment attempt with this id');
      return receiptState('sale', id, isPaid(checkout));
    },
    async refundReceipt(refundId) {
      const r = await store.get<{ status: string }>('refunds', refundId);
      if (!r) throw new TillKitError('NOT_FOUND', 'No refund with this id');
      return receiptState('refund', refundId, r.value.status === 'succeeded');
    },
    async retryReceipt(attemptId, refundId) {
      const kind: ReceiptKind = refundId === undefined ? 'sale' : 'refund';
      const id = refundId ?? attemptId;
      const doc = await store.get<ReceiptRecord>('receipts', receiptKey(kind, id));
      if (doc?.value.state !== 'failed')
        throw new TillKitError('INVALID_STATE', 'Only a failed receipt can be retried');
      const generation = doc.value.generation + 1;
      const previous = await store.getJob(receiptJobKey(kind, id, doc.value.generation));
      const moment =
        (previous?.payload as SignJobPayload | undefined)?.moment ?? new Date(clock()).toISOString();
      const { failure: _, ...rest } = doc.value;
      await store.commit({
        writes: [
          {
            collection: 'receipts',
            id: receiptKey(kind, id),
            expectVersion: doc.version,
            value: { ...rest, state: 'pending', generation },
          },
        ],
        jobs: [signJob(kind, id, moment, clock(), generation)],
      });
      ticker.wake();
      return kind === 'sale' ? this.receipt(attemptId) : this.refundReceipt(id);
    },
    async closeDay(day) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(day)))
        throw new TillKitError('VALIDATION_FAILED', 'day must be a date (YYYY-MM-DD)', {
          issues: [{ path: 'day', message: 'must be YYYY-MM-DD' }],
        });
      await store.commit({ jobs: [signJob('daily', day, new Date(clock()).toISOString(), clock())] });
      ticker.wake();
    },
    async onWalletCallback(form) {
      const attempt = await handleWalletCallback(ctx, options.callbacks, form);
      // A confirm it caused recorded a receipt job: run it now rather than on the idle timer.
      ticker.wake();
      return attempt;
    },
    events: (after, limit = 100) => bus.read(after, limit),
    subscribe(consumer, handler) {
      const unsubscribe = bus.subscribe(consumer, handler);
      ticker.wake();
      return unsubscribe;
    },
    async secret(name) {
      const id = `secret:${name}`;
      const existing = await store.get<{ value: string }>('meta', id);
      if (existing) return existing.value.value;
      const value = randomBytes(32).toString('base64url');
      await store.commit({ writes: [{ collection: 'meta', id, expectVersion: 0, value: { value } }] });
      // Two processes may race to create it: whichever write landed is the secret for everyone.
      return ((await store.get<{ value: string }>('meta', id))?.value.value as string) ?? value;
    },
    runJob: (job) => runner.runOne(job),
    tick: () => ticker.tickOnce(),
    run: () => ticker.run(),
    async stop() {
      await ticker.stop();
      // Hand the ticker over at once instead of after the lease runs out.
      await store.releaseLease('ticker', owner);
    },
  };
}

function pick<T extends object, K extends keyof T>(o: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

type Round = { leader: boolean; live: number; jobs: number; events: number };

/** Rounds on an adaptive timer: fast while anything is live, due or delivered, backing off while idle. */
function createTicker(options: CheckoutServiceOptions, round: () => Promise<Round>) {
  const fast = options.tickIntervalMs ?? 400;
  const idleMax = options.idleIntervalMs ?? 2000;
  let idle = fast;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = true;
  const logger = options.logger ?? silent;
  const tickOnce = async (): Promise<Round> => round();
  const loop = () => {
    timer = undefined;
    running = tickOnce()
      .then((r) => {
        const busy = r.live > 0 || r.jobs > 0 || r.events > 0;
        idle = busy ? fast : Math.min(idleMax, idle * 2);
        return idle;
      })
      .catch((error: unknown) => {
        logger.error?.('checkout round failed', {
          message: error instanceof Error ? error.message : String(error),
        });
        return idleMax;
      })
      .then((delay) => {
        if (!stopped) timer = setTimeout(loop, delay);
      });
  };
  return {
    tickOnce,
    run() {
      if (!stopped) return;
      stopped = false;
      loop();
    },
    wake() {
      idle = fast;
      if (stopped || timer === undefined) return;
      clearTimeout(timer);
      timer = setTimeout(loop, 0);
    },
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}
