import { isTillKitError } from '@tillkit/models';
import { LanguageCode, PaymentMethodHandler } from '@vendure/core';
import { HANDLER_CODE } from './options.ts';
import { toMoney, toVendure } from './order.ts';
import { TillKitService } from './tillkit.service.ts';

const en = LanguageCode.en;
let tillkit: TillKitService;
const reason = (e: unknown) => (isTillKitError(e) ? `${e.code}: ${e.message}` : 'TillKit could not do it');
const refundStates = { succeeded: 'Settled', failed: 'Failed', pending: 'Pending' } as const;

/** Paysera scan-and-pay: the plugin adds the payment once the customer paid in the app, never the shop. */
export const payseraScanAndPayHandler = new PaymentMethodHandler({
  code: HANDLER_CODE,
  description: [{ languageCode: en, value: 'Paysera scan-and-pay (TillKit)' }],
  args: {
    captureMode: {
      type: 'string',
      defaultValue: 'automatic',
      description: [
        { languageCode: en, value: 'automatic: settle on payment; manual: authorize, settle in admin' },
      ],
      ui: { component: 'select-form-input', options: [{ value: 'automatic' }, { value: 'manual' }] },
    },
  },
  init: (injector) => {
    tillkit = injector.get(TillKitService);
  },
  async createPayment(ctx, order, amount, _args, input) {
    // The customer pays in the wallet app; only the plugin, with its internal context, records that.
    if (ctx.apiType === 'shop')
      return { amount, state: 'Error', errorMessage: 'Paysera payments are added by TillKit once paid' };
    const attempt = await tillkit.checkout.get(String(input['attemptId']));
    if (!attempt || attempt.orderRef !== order.code || !['reserved', 'confirmed'].includes(attempt.status))
      return { amount, state: 'Declined', errorMessage: 'No paid TillKit attempt for this order' };
    const state = attempt.status === 'confirmed' ? 'Settled' : 'Authorized';
    const metadata = { attemptId: attempt.id };
    return { amount: toVendure(attempt.amount), state, transactionId: attempt.id, metadata };
  },
  async settlePayment(_ctx, order, payment) {
    try {
      const amount = toMoney(Math.min(payment.amount, order.totalWithTax), order.currencyCode);
      const attempt = await tillkit.checkout.capture(payment.transactionId, amount);
      if (attempt.status === 'confirmed')
        return { success: true, metadata: { captured: attempt.capturedAmount } };
      // The confirm goes out on the engine's next round; the plugin settles the payment when it lands.
      const errorMessage = `Capture sent to Paysera (${attempt.status}); the payment settles on confirm`;
      return { success: false, state: 'Authorized', errorMessage };
    } catch (e) {
      return { success: false, errorMessage: reason(e) };
    }
  },
  async cancelPayment(_ctx, _order, payment) {
    return tillkit.checkout.cancel(payment.transactionId).then(
      () => ({ success: true }),
      (e: unknown) => ({ success: false, errorMessage: reason(e) }),
    );
  },
  async createRefund(_ctx, input, amount, order, payment) {
    const counted = (payment.refunds ?? []).filter((r) => r.state !== 'Failed');
    const before = counted.reduce((sum, r) => sum + r.total, 0);
    try {
      const refund = await tillkit.checkout.refund(payment.transactionId, {
        // Vendure saves the Refund after this call: the key is what was refunded before plus this amount.
        idempotencyKey: `vendure:${payment.id}:${before}:${amount}`,
        amount: toMoney(amount, order.currencyCode),
        ...(input.reason ? { reason: input.reason } : {}),
      });
      const metadata = refund.failure ? { failure: refund.failure } : {};
      return { state: refundStates[refund.status], transactionId: refund.id, metadata };
    } catch (e) {
      return { state: 'Failed', metadata: { failure: reason(e) } };
    }
  },
});
