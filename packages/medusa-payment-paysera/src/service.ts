// The Medusa payment provider: every method maps Medusa's call onto the checkout service and nothing
// more (no engine logic here). Anchor: @medusajs/payment-stripe's base (idempotency on every call).
import type * as M from '@medusajs/framework/types';
import { AbstractPaymentProvider, PaymentActions } from '@medusajs/framework/utils';
import { type CheckoutService, captureAndWait, type PaymentAttempt, refundAndWait } from '@tillkit/checkout';
import { TillKitError } from '@tillkit/models';
import { toMajor, toMoney } from './amounts.ts';
import { toMedusaError } from './errors.ts';
import { captureAmount, cartOfSession } from './medusa.ts';
import { type PayseraOptions, parseOptions, type ResolvedOptions } from './options.ts';
import { snapshotOfCart } from './order-snapshot.ts';
import { checkoutFor } from './runtime.ts';
import { sessionStatusOf, webhookActionOf } from './status.ts';
import { verifiedBody } from './webhook.ts';

type Data = Record<string, unknown>;
type Input = { data?: Data; context?: { idempotency_key?: string } };

export class PayseraProviderService extends AbstractPaymentProvider<PayseraOptions> {
  static override identifier = 'paysera';
  readonly #options: ResolvedOptions;
  readonly #logger: M.Logger;

  static override validateOptions(options: Record<string, unknown>): void {
    parseOptions(options);
  }

  constructor(cradle: Record<string, unknown>, options: PayseraOptions) {
    super(cradle, options);
    this.#options = parseOptions(options);
    this.#logger = cradle['logger'] as M.Logger;
    checkoutFor(this.#options, this.#logger);
  }

  get #checkout(): CheckoutService {
    return checkoutFor(this.#options, this.#logger);
  }

  /** Runs `work` on the session's attempt; TillKit errors reach Medusa as MedusaErrors (once, here). */
  async #on<T>(input: Input, work: (attempt: PaymentAttempt) => Promise<T>): Promise<T> {
    try {
      const id = input.data?.['attemptId'];
      const attempt = typeof id === 'string' ? await this.#checkout.get(id) : undefined;
      if (!attempt) throw new TillKitError('NOT_FOUND', 'No Paysera attempt on this payment');
      return await work(attempt);
    } catch (error) {
      throw toMedusaError(error);
    }
  }

  /** What the storefront may see: the QR payload, the attempt id, the expiry. Never a key or token. */
  #data(attempt: PaymentAttempt): Data {
    const { id: attemptId, qrPayload, expiresAt } = attempt;
    return { session_id: attempt.metadata['sessionId'], attemptId, qrPayload, expiresAt };
  }

  async #start(input: M.InitiatePaymentInput, sessionId: string, key: string): Promise<PaymentAttempt> {
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
      metadata: { sessionId, cartId: cart.id, key },
      // A new session or amount replaces the cart's other attempts (Medusa deletes their sessions, in
      // parallel): they end first, so one cart never has two live QR codes. A paid one fails this session.
      replaceLive: true,
    });
  }

  async initiatePayment(input: M.InitiatePaymentInput): Promise<M.InitiatePaymentOutput> {
    // The session id is the idempotency key: a retried initiate returns the same attempt.
    const sessionId = String(input.data?.['session_id'] ?? input.context?.idempotency_key);
    const attempt = await this.#start(input, sessionId, sessionId).catch((e) =>
      Promise.reject(toMedusaError(e)),
    );
    return { id: attempt.id, status: 'pending', data: this.#data(attempt) };
  }

  async updatePayment(input: M.UpdatePaymentInput): Promise<M.UpdatePaymentOutput> {
    return this.#on(input, async (old) => {
      const amount = toMoney(input.amount, input.currency_code);
      if (old.amount.amount === amount.amount && old.amount.currency === amount.currency)
        return { status: sessionStatusOf(old), data: this.#data(old) };
      // A new amount is a new attempt; the old one is cancelled (a reservation released) by replaceLive.
      const sessionId = String(old.metadata['sessionId']);
      const next = await this.#start(input, sessionId, `${sessionId}:${amount.currency}:${amount.amount}`);
      return { status: 'pending', data: this.#data(next) };
    });
  }

  async authorizePayment(input: M.AuthorizePaymentInput): Promise<M.AuthorizePaymentOutput> {
    return this.#on(input, async (a) => ({
      status: sessionStatusOf(a),
      data: { ...this.#data(a), status: a.status },
    }));
  }

  async getPaymentStatus(input: M.GetPaymentStatusInput): Promise<M.GetPaymentStatusOutput> {
    return this.authorizePayment(input);
  }

  async retrievePayment(input: M.RetrievePaymentInput): Promise<M.RetrievePaymentOutput> {
    return this.#on(input, async (a) => ({ data: { ...input.data, status: a.status } }));
  }

  async capturePayment(input: M.CapturePaymentInput): Promise<M.CapturePaymentOutput> {
    return this.#on(input, async (a) => {
      // The ticker (perhaps in the worker) sends the confirm; Medusa records the capture once it is done.
      const amount = await captureAmount(input.context?.idempotency_key, a.amount);
      const done = await captureAndWait(this.#checkout, a.id, amount);
      return { data: { ...input.data, status: done.status } };
    });
  }

  async cancelPayment(input: M.CancelPaymentInput): Promise<M.CancelPaymentOutput> {
    return this.#on(input, async (a) => ({
      data: { ...input.data, status: (await this.#checkout.cancel(a.id)).status },
    }));
  }

  async deletePayment(input: M.DeletePaymentInput): Promise<M.DeletePaymentOutput> {
    // Medusa deletes a session when the cart changes: its attempt must stop taking money.
    return this.cancelPayment(input);
  }

  async refundPayment(input: M.RefundPaymentInput): Promise<M.RefundPaymentOutput> {
    return this.#on(input, async (a) => {
      const idempotencyKey = input.context?.idempotency_key;
      if (!idempotencyKey) throw new TillKitError('VALIDATION_FAILED', 'A refund needs an idempotency key');
      const amount = toMoney(input.amount, a.amount.currency);
      const refund = await refundAndWait(this.#checkout, a.id, { idempotencyKey, amount });
      return { data: { ...input.data, lastRefundId: refund.id } };
    });
  }

  async getWebhookActionAndData(
    payload: M.ProviderWebhookPayload['payload'],
  ): Promise<M.WebhookActionResult> {
    const body = verifiedBody(this.#options.webhookSecret, payload);
    if (!body) {
      this.#logger.warn('paysera: webhook with a missing or invalid signature ignored');
      return { action: PaymentActions.NOT_SUPPORTED };
    }
    const attempt = await this.#checkout.get(body.attemptId);
    const sessionId = attempt?.metadata['sessionId'];
    if (!attempt || !sessionId) return { action: PaymentActions.NOT_SUPPORTED };
    // Decided by the attempt as it is now, not by the event: a late or repeated event asks for what is true.
    const amount = toMajor(attempt.capturedAmount ?? attempt.amount);
    return { action: webhookActionOf(attempt), data: { session_id: sessionId, amount } };
  }
}
