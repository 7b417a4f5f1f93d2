// The Medusa payment provider: every method maps Medusa's call onto the checkout service and nothing
// more (no engine logic here). Anchor: @medusajs/payment-stripe's base (idempotency on every call).
import type * as M from '@medusajs/framework/types';
import { AbstractPaymentProvider, PaymentActions } from '@medusajs/framework/utils';
import type { CheckoutService, PaymentAttempt } from '@tillkit/checkout';
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
const live = new Set<PaymentAttempt['status']>(['awaiting_scan', 'order_attached', 'reserved']);
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
    // A new session replaces the cart's others (Medusa deletes them, in parallel): their attempts end first,
    // so one cart never has two live QR codes. One already paid makes this throw, and the session fails.
    for (const other of await this.#checkout.attemptsFor(cart.id)) {
      if (other.metadata['sessionId'] !== sessionId && live.has(other.status))
        await this.#checkout.cancel(other.id);
    }
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
      if (old.amount.amount === amount.amount && old.amount.currency === amount.currency) {
        return { status: sessionStatusOf(old), data: this.#data(old) };
      }
      // A new amount is a new attempt; the old one is cancelled (a reservation released).
      await this.#checkout.cancel(old.id);
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
      await this.#checkout.capture(a.id, await captureAmount(input.context?.idempotency_key, a.amount));
      // The ticker (perhaps in the worker) sends the confirm; Medusa records the capture once it is done.
      const done = await settled(
        () => this.#checkout.get(a.id),
        (x) => x?.status !== 'reserved',
      );
      if (done?.status !== 'confirmed')
        throw new TillKitError('INVALID_STATE', `Not captured: ${done?.status}`);
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
      const refund = await this.#checkout.refund(a.id, {
        idempotencyKey,
        amount: toMoney(input.amount, a.amount.currency),
      });
      const find = async () => (await this.#checkout.refunds(a.id)).find((r) => r.id === refund.id);
      const done = await settled(find, (r) => r?.status !== 'pending');
      if (done?.status !== 'succeeded') {
        throw new TillKitError(
          'UPSTREAM_UNAVAILABLE',
          done?.failure?.message ?? 'The refund is still pending; retry',
        );
      }
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

/** Polls until `done` (the ticker works in the background), at most 20 s; returns the last value. */
async function settled<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const end = Date.now() + 20_000;
  let value = await read();
  while (!done(value) && Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await read();
  }
  return value;
}
