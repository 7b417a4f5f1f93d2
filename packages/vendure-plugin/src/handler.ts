import type { CheckoutService } from '@tillkit/checkout';
import { isTillKitError } from '@tillkit/models';
import { LanguageCode, type Payment, PaymentMethodHandler } from '@vendure/core';
import { HANDLER_CODE } from './options.ts';
import { toMoney, toVendure } from './order.ts';
import { TillKitService } from './tillkit.service.ts';

const en = LanguageCode.en;
let tillkit: TillKitService;
const checkout = (): CheckoutService => tillkit.checkout;
const failure = (e: unknown) => ({
  success: false as const,
  errorMessage: isTillKitError(e) ? `${e.code}: ${e.message}` : 'TillKit could not complete the operation',
});

/**
 * Paysera scan-and-pay: the shopper scans a QR and pays in the Paysera app. The payment is added by the
 * plugin once the customer paid (never by the shop), settled at once (`automatic`) or authorized for the
 * admin to settle (`manual`). Settle, cancel and refund go through the checkout service.
 */
export const payseraScanAndPayHandler = new PaymentMethodHandler({
  code: HANDLER_CODE,
  description: [{ languageCode: en, value: 'Paysera scan-and-pay (TillKit)' }],
  args: {
    captureMode: {
      type: 'string',
      defaultValue: 'automatic',
      description: [
        { languageCode: en, value: 'automatic: settle on payment; manual: authorize, settle in the admin' },
      ],
      ui: { component: 'select-form-input', options: [{ value: 'automatic' }, { value: 'manual' }] },
    },
  },
  init: (injector) => {
    tillkit = injector.get(TillKitService);
  },

  async createPayment(ctx, order, amount, _args, metadata) {
    // The customer pays in the wallet app; only the plugin, with its internal context, records that.
    if (ctx.apiType === 'shop')
      return { amount, state: 'Error', errorMessage: 'Paysera payments are added by TillKit once paid' };
    const attempt = await checkout().get(String(metadata['attemptId']));
    if (!attempt || attempt.orderRef !== order.code || !['reserved', 'confirmed'].includes(attempt.status))
      return { amount, state: 'Declined', errorMessage: 'No paid TillKit attempt for this order' };
    return {
      amount: toVendure(attempt.amount),
      state: attempt.status === 'confirmed' ? 'Settled' : 'Authorized',
      transactionId: attempt.id,
      metadata: { attemptId: attempt.id, public: { attemptId: attempt.id } },
    };
  },

  async settlePayment(_ctx, order, payment) {
    try {
      const amount = Math.min(payment.amount, order.totalWithTax);
      const attempt = await checkout().capture(attemptOf(payment), toMoney(amount, order.currencyCode));
      if (attempt.status === 'confirmed')
        return { success: true, metadata: { captured: attempt.capturedAmount } };
      // The confirm goes out on the engine's next round; the payment stays Authorized and the plugin settles
      // it once the confirm lands.
      return {
        success: false,
        state: 'Authorized',
        errorMessage: `Capture sent to Paysera (${attempt.status}); the payment settles on confirm`,
      };
    } catch (e) {
      return failure(e);
    }
  },

  async cancelPayment(_ctx, _order, payment) {
    try {
      await checkout().cancel(attemptOf(payment));
      return { success: true };
    } catch (e) {
      return failure(e);
    }
  },

  async createRefund(_ctx, input, amount, order, payment) {
    const refunded = (payment.refunds ?? [])
      .filter((r) => r.state !== 'Failed')
      .reduce((s, r) => s + r.total, 0);
    try {
      const refund = await checkout().refund(attemptOf(payment), {
        // Vendure saves the Refund after this call: the key is what was refunded before plus this amount.
        idempotencyKey: `vendure:${payment.id}:${refunded}:${amount}`,
        amount: toMoney(amount, order.currencyCode),
        ...(input.reason ? { reason: input.reason } : {}),
      });
      const state =
        refund.status === 'succeeded' ? 'Settled' : refund.status === 'failed' ? 'Failed' : 'Pending';
      return { state, transactionId: refund.id, metadata: refund.failure ? { failure: refund.failure } : {} };
    } catch (e) {
      return { state: 'Failed', metadata: { failure: failure(e).errorMessage } };
    }
  },
});

function attemptOf(payment: Payment): string {
  return payment.transactionId ?? String(payment.metadata?.['attemptId']);
}
