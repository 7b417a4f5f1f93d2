import { Inject, Injectable } from '@nestjs/common';
import type { CartLineInput, OrderSource, PaymentAttempt, PricedOrder } from '@tillkit/checkout';
import { type CheckoutEvent, type CheckoutService, createCheckoutService, type Job } from '@tillkit/checkout';
import { isUniqueViolation, TypeOrmCheckoutStore } from '@tillkit/checkout/typeorm';
import { createResolverMap, type ResolverMap } from '@tillkit/graphql';
import { isTillKitError, parseJsonLossless, stringifyJsonLossless, TillKitError } from '@tillkit/models';
import type { JobQueue, RequestContext } from '@vendure/core';
import {
  ActiveOrderService,
  isGraphQlErrorResult,
  JobQueueService,
  Logger,
  OrderService,
  Payment,
  PaymentMethodService,
  ProcessContext,
  RequestContextService,
  TransactionalConnection,
  translateEntity,
} from '@vendure/core';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { contractOptions, HANDLER_CODE, type ResolvedOptions, TILLKIT_OPTIONS } from './options.ts';
import { amountDue, snapshotOf, toMoney } from './order.ts';

const payable = ['AddingItems', 'ArrangingPayment', 'ArrangingAdditionalPayment'];
const log = (level: 'warn' | 'error') => (m: string, c?: object) =>
  Logger[level](`${m} ${JSON.stringify(c ?? {})}`, 'TillKitPlugin');
const logger = { warn: log('warn'), error: log('error') };

/** One row per payment added, written first in its transaction: a concurrent duplicate waits, rolls back. */
@Entity('tillkit_payment_op')
export class TillKitPaymentOp {
  @PrimaryColumn('varchar', { length: 255 }) operationId: string;
  @Column('varchar', { length: 255 }) orderCode: string;
}

/** Maps Vendure orders onto the checkout service, adds the payment once paid. Nest calls hooks by name. */
@Injectable()
export class TillKitService implements OrderSource<RequestContext> {
  readonly store: TypeOrmCheckoutStore;
  readonly checkout: CheckoutService;
  /** `@tillkit/graphql`'s resolvers over this service; the shop API's resolver classes call into it. */
  readonly contract: ResolverMap;
  private unsubscribe?: () => void;
  private jobs?: JobQueue<{ job: string }>;

  constructor(
    private readonly connection: TransactionalConnection,
    private readonly processContext: ProcessContext,
    private readonly orderService: OrderService,
    private readonly activeOrderService: ActiveOrderService,
    private readonly paymentMethodService: PaymentMethodService,
    private readonly requestContextService: RequestContextService,
    private readonly jobQueueService: JobQueueService,
    @Inject(TILLKIT_OPTIONS) private readonly options: ResolvedOptions,
  ) {
    // `as never`: in this workspace @tillkit/checkout type-checks against a second, identical typeorm copy.
    this.store = new TypeOrmCheckoutStore(connection.rawConnection as never);
    // Receipt signing, POS sync and refund checks run as Vendure jobs, in whichever worker the queue picks.
    const dispatch = async (job: Job) => void (await this.jobs?.add({ job: stringifyJsonLossless(job) }));
    const jobs = { ...options.checkout.jobs, dispatch };
    this.checkout = createCheckoutService({ logger, ...options.checkout, jobs, store: this.store });
    const { merchant } = options.shopApi;
    const services = { checkout: this.checkout, orders: this, ...(merchant ? { merchant } : {}) };
    this.contract = createResolverMap(services, contractOptions(options.shopApi));
  }

  async onModuleInit(): Promise<void> {
    const process = (j: { data: { job: string } }) =>
      this.checkout.runJob(parseJsonLossless(j.data.job) as Job);
    this.jobs = await this.jobQueueService.createQueue({ name: 'tillkit-jobs', process });
  }

  onApplicationBootstrap(): void {
    if (!this.processContext.isWorker && !this.options.runEngineInServer) return;
    this.unsubscribe = this.checkout.subscribe('vendure', (event) => this.onEvent(event));
    this.checkout.run();
  }

  async onModuleDestroy(): Promise<void> {
    this.unsubscribe?.();
    await this.checkout.stop();
  }

  /** The contract's order source: the active order is the cart (client lines are refused, not ignored). */
  async priceOrder(input: { lines?: CartLineInput[] }, ctx: RequestContext): Promise<PricedOrder> {
    const issues = [{ path: 'input.lines', message: 'not accepted: the active order is the cart' }];
    if (input.lines?.length)
      throw new TillKitError('VALIDATION_FAILED', 'Lines are not accepted', { issues });
    const active = await this.activeOrderService.getActiveOrder(ctx, undefined);
    const order = active && (await this.orderService.findOne(ctx, active.id, [...relations]));
    const filled = order?.customer && order.lines.length > 0 && order.shippingLines.length > 0;
    // The method's name is a translation, which findOne loads but does not apply to this relation.
    for (const s of order?.shippingLines ?? [])
      if (s.shippingMethod) s.shippingMethod = translateEntity(s.shippingMethod, ctx.languageCode);
    if (!order || !filled || !payable.includes(order.state))
      throw new TillKitError('INVALID_STATE', 'Pay an active order with items, a customer and shipping');
    const methods = (await this.paymentMethodService.findAll(ctx, { take: 100 })).items;
    const method = methods.find((m) => m.enabled && m.handler.code === HANDLER_CODE);
    if (!method) throw new TillKitError('NOT_FOUND', `No enabled payment method uses ${HANDLER_CODE}`);
    const due = amountDue(order);
    const manual = method.handler.args.some((a) => a.name === 'captureMode' && a.value === 'manual');
    return {
      orderRef: order.code,
      amount: toMoney(due, order.currencyCode),
      order: snapshotOf(order, due),
      description: this.options.description.replace('{code}', order.code),
      captureMode: manual ? 'manual' : 'automatic',
      metadata: { channelToken: ctx.channel.token, method: method.code },
      replaceLive: true, // a changed cart releases the live attempt and starts one for the new total
    };
  }

  private async onEvent(event: CheckoutEvent): Promise<void> {
    if (event.type !== 'reserved' && event.type !== 'confirmed') return;
    const attempt = await this.checkout.get(event.attemptId);
    const token = attempt?.metadata['channelToken'];
    if (!attempt || !token) return;
    const manual = attempt.captureMode === 'manual';
    const ctx = await this.requestContextService.create({ apiType: 'admin', channelOrToken: token });
    // manual: the reservation authorizes, the confirm (the admin's settle) settles; automatic: confirm adds.
    const work = event.type === (manual ? 'reserved' : 'confirmed') ? this.addPayment : this.settle;
    try {
      await this.store.exclusive(() =>
        this.connection.withTransaction(ctx, (tx) => work.call(this, tx, attempt)),
      );
    } catch (e) {
      // Vendure refused (an ErrorResult): the same event cannot fare better, so it is logged, not looped.
      if (!isTillKitError(e)) throw e;
      logger.error(`Order ${attempt.orderRef} not updated for ${attempt.id}: ${e.message}`);
    }
  }

  private async settle(ctx: RequestContext, attempt: PaymentAttempt): Promise<void> {
    const where = { transactionId: attempt.id, state: 'Authorized' as const };
    const payment = await this.connection.getRepository(ctx, Payment).findOneBy(where);
    if (payment) check(await this.orderService.settlePayment(ctx, payment.id), attempt);
  }

  /** Adds the paid attempt to its order, once: the first write is a row keyed by the attempt. */
  private async addPayment(ctx: RequestContext, attempt: PaymentAttempt): Promise<void> {
    const op = { operationId: `payment:${attempt.id}`, orderCode: attempt.orderRef };
    const duplicate = (e: unknown) => (isUniqueViolation(e) ? true : Promise.reject(e));
    const ops = this.connection.getRepository(ctx, TillKitPaymentOp);
    if (await ops.insert(op).then(() => false, duplicate)) return;
    const order = await this.orderService.findOneByCode(ctx, attempt.orderRef);
    // Paid already (a duplicate or late event, another attempt) or cancelled: nothing to add (#2657).
    if (!order || !payable.includes(order.state)) return;
    if (order.state === 'AddingItems')
      check(await this.orderService.transitionToState(ctx, order.id, 'ArrangingPayment'), attempt);
    const input = { method: attempt.metadata['method'] ?? '', metadata: { attemptId: attempt.id } };
    const paid = check(await this.orderService.addPaymentToOrder(ctx, order.id, input), attempt);
    // Vendure's default process makes no automatic move out of ArrangingAdditionalPayment.
    if (paid.state === 'ArrangingAdditionalPayment') {
      const next = attempt.captureMode === 'manual' ? 'PaymentAuthorized' : 'PaymentSettled';
      check(await this.orderService.transitionToState(ctx, order.id, next), attempt);
    }
  }
}

const relations = ['lines.productVariant', 'shippingLines.shippingMethod', 'payments', 'customer'] as const;

/** A Vendure ErrorResult as a TillKitError (INVALID_STATE), so the caller logs it once. */
function check<T>(result: T, attempt: PaymentAttempt): Exclude<T, { errorCode: unknown }> {
  if (!isGraphQlErrorResult(result as object)) return result as Exclude<T, { errorCode: unknown }>;
  const { message } = result as { message: string };
  throw new TillKitError('INVALID_STATE', `Order ${attempt.orderRef}: ${message}`);
}
