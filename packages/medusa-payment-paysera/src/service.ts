// The Medusa payment provider: every method maps Medusa's call onto the checkout service and nothing
// more (no engine logic here). Anchor: @medusajs/payment-stripe's base (idempotency on every call).
import { container } from '@medusajs/framework';
import type {
  AuthorizePaymentInput,
  AuthorizePaymentOutput,
  CancelPaymentInput,
  CapturePaymentInput,
  DeletePaymentInput,
  GetPaymentStatusInput,
  GetPaymentStatusOutput,
  InitiatePaymentInput,
  InitiatePaymentOutput,
  Logger,
  ProviderWebhookPayload,
  RefundPaymentInput,
  RetrievePaymentInput,
  UpdatePaymentInput,
  UpdatePaymentOutput,
  WebhookActionResult,
} from '@medusajs/framework/types';
import { AbstractPaymentProvider, ContainerRegistrationKeys, Modules, PaymentActions } from '@medusajs/framework/utils';
import type { CheckoutService, PaymentAttempt } from '@tillkit/checkout';
import { TillKitError } from '@tillkit/models';
import { toMajor, toMoney } from './amounts.ts';
import { toMedusaError } from './errors.ts';
import { type PayseraOptions, parseOptions, type ResolvedOptions } from './options.ts';
import { type CartLike, cartFields, snapshotOfCart } from './order-snapshot.ts';
import { registerOptions, runtimeFor } from './runtime.ts';
import { sessionStatusOf, webhookActionOf } from './status.ts';
import { verifiedBody } from './webhook.ts';

type Data = Record<string, unknown>;
type Query = { graph(q: { entity: string; fields: string[]; filters: Data }): Promise<{ data: Data[] }> };

export class PayseraProviderService extends AbstractPaymentProvider<PayseraOptions> {
  static override identifier = 'paysera';
  readonly #options: ResolvedOptions;
  readonly #logger: Logger;

  static override validateOptions(options: Record<string, unknown>): void {
    parseOptions(options);
  }

  constructor(cradle: Record<string, unknown>, options: PayseraOptions) {
    super(cradle, options);
    this.#options = parseOptions(options);
    this.#logger = cradle['logger'] as Logger;
    registerOptions(this.#options, this.#logger);
  }

  get #checkout(): CheckoutService {
    return runtimeFor(this.#options, this.#logger).service;
  }

  async #attempt(data: Data | undefined): Promise<PaymentAttempt> {
    const id = data?.['attemptId'];
    const attempt = typeof id === 'string' ? await this.#checkout.get(id) : undefined;
    if (!attempt) throw toMedusaError(new TillKitError('NOT_FOUND', 'No Paysera attempt on this payment'));
    return attempt;
  }

  /** What the storefront may see: the QR payload, the attempt id, the expiry. Never a key or token. */
  #data(attempt: PaymentAttempt, sessionId: string): Data {
    return { session_id: sessionId, attemptId: attempt.id, qrPayload: attempt.qrPayload, expiresAt: attempt.expiresAt };
  }

  async #start(input: InitiatePaymentInput, key: string): Promise<PaymentAttempt> {
    const sessionId = String(input.data?.['session_id'] ?? input.context?.idempotency_key ?? '');
    const amount = toMoney(input.amount, input.currency_code);
    const cart = await cartOfSession(sessionId);
    if (!cart) throw new TillKitError('VALIDATION_FAILED', 'Paysera payments are made for a cart');
    return this.#checkout.start({
      orderRef: cart.id,
      idempotencyKey: key,
      amount,
      order: snapshotOfCart(cart, amount),
      description: this.#options.description.replace('{ref}', cart.id),
      captureMode: this.#options.captureMode,
      metadata: { sessionId, cartId: cart.id },
    });
  }

  async initiatePayment(input: InitiatePaymentInput): Promise<InitiatePaymentOutput> {
    try {
      const sessionId = String(input.data?.['session_id'] ?? input.context?.idempotency_key ?? '');
      const attempt = await this.#start(input, sessionId);
      return { id: attempt.id, status: 'pending', data: this.#data(attempt, sessionId) };
    } catch (error) {
      throw toMedusaError(error);
    }
  }

  async updatePayment(input: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    try {
      const old = await this.#attempt(input.data);
      const amount = toMoney(input.amount, input.currency_code);
      if (old.amount.amount === amount.amount && old.amount.currency === amount.currency) {
        return { status: sessionStatusOf(old), data: input.data ?? {} };
      }
      // A new amount is a new attempt; the old one is cancelled (its reservation, if any, released).
      await this.#checkout.cancel(old.id);
      const sessionId = String(old.metadata['sessionId']);
      const attempt = await this.#start(input, `${sessionId}:${amount.currency}:${amount.amount}`);
      return { status: 'pending', data: this.#data(attempt, sessionId) };
    } catch (error) {
      throw toMedusaError(error);
    }
  }

  async authorizePayment(input: AuthorizePaymentInput): Promise<AuthorizePaymentOutput> {
    const attempt = await this.#attempt(input.data);
    return { status: sessionStatusOf(attempt), data: { ...input.data, status: attempt.status } };
  }

  async getPaymentStatus(input: GetPaymentStatusInput): Promise<GetPaymentStatusOutput> {
    const attempt = await this.#attempt(input.data);
    return { status: sessionStatusOf(attempt), data: { ...input.data, status: attempt.status } };
  }

  async retrievePayment(input: RetrievePaymentInput) {
    const attempt = await this.#attempt(input.data);
    return { data: { ...input.data, status: attempt.status, receipt: attempt.receipt } };
  }

  async capturePayment(input: CapturePaymentInput) {
    try {
      const attempt = await this.#attempt(input.data);
      const amount = await captureAmount(input.context?.idempotency_key, attempt);
      const captured = await this.#checkout.capture(attempt.id, amount);
      return { data: { ...input.data, status: captured.status } };
    } catch (error) {
      throw toMedusaError(error);
    }
  }

  async cancelPayment(input: CancelPaymentInput) {
    try {
      const attempt = await this.#attempt(input.data);
      const cancelled = await this.#checkout.cancel(attempt.id);
      return { data: { ...input.data, status: cancelled.status } };
    } catch (error) {
      throw toMedusaError(error);
    }
  }

  async deletePayment(input: DeletePaymentInput) {
    // Medusa deletes a session when the cart changes; the attempt must then stop taking money.
    return this.cancelPayment(input);
  }

  async refundPayment(input: RefundPaymentInput) {
    try {
      const attempt = await this.#attempt(input.data);
      const key = input.context?.idempotency_key;
      if (!key) throw new TillKitError('VALIDATION_FAILED', 'A refund needs an idempotency key');
      const refund = await this.#checkout.refund(attempt.id, {
        idempotencyKey: key,
        amount: toMoney(input.amount, attempt.amount.currency),
      });
      if (refund.status === 'failed') {
        throw new TillKitError('UPSTREAM_UNAVAILABLE', refund.failure?.message ?? 'The refund failed');
      }
      return { data: { ...input.data, status: attempt.status, lastRefundId: refund.id } };
    } catch (error) {
      throw toMedusaError(error);
    }
  }

  async getWebhookActionAndData(payload: ProviderWebhookPayload['payload']): Promise<WebhookActionResult> {
    const body = verifiedBody(this.#options.webhookSecret, payload);
    if (!body) {
      this.#logger.warn('paysera: webhook with a missing or invalid signature ignored');
      return { action: PaymentActions.NOT_SUPPORTED };
    }
    const attempt = await this.#checkout.get(body.attemptId);
    const sessionId = attempt?.metadata['sessionId'];
    if (!attempt || !sessionId) return { action: PaymentActions.NOT_SUPPORTED };
    // Decided by the attempt as it is now, not by the event: a late or repeated event asks for what is true.
    return {
      action: webhookActionOf(attempt),
      data: { session_id: sessionId, amount: toMajor(attempt.capturedAmount ?? attempt.amount) },
    };
  }
}

async function cartOfSession(sessionId: string): Promise<CartLike | undefined> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY) as Query;
  const [session] = (await query.graph({ entity: 'payment_session', fields: ['payment_collection_id'], filters: { id: sessionId } })).data;
  const collectionId = session?.['payment_collection_id'];
  if (!collectionId) return undefined;
  const [link] = (
    await query.graph({ entity: 'cart_payment_collection', fields: ['cart_id'], filters: { payment_collection_id: collectionId } })
  ).data;
  if (!link) return undefined;
  const [cart] = (await query.graph({ entity: 'cart', fields: cartFields, filters: { id: link['cart_id'] } })).data;
  return cart as unknown as CartLike | undefined;
}

// Medusa tells the provider no capture amount; the capture record it just wrote (the idempotency key) has it.
async function captureAmount(captureId: string | undefined, attempt: PaymentAttempt) {
  if (!captureId) return undefined;
  const payments = container.resolve(Modules.PAYMENT) as {
    listCaptures(filters: Data, config: { select: string[] }): Promise<Array<{ raw_amount: unknown; amount: unknown }>>;
  };
  const [capture] = await payments.listCaptures({ id: captureId }, { select: ['id', 'amount', 'raw_amount'] });
  if (!capture) return undefined;
  const amount = toMoney((capture.raw_amount ?? capture.amount) as Parameters<typeof toMoney>[0], attempt.amount.currency);
  return amount.amount < attempt.amount.amount ? amount : undefined;
}
