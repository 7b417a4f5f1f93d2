import { TillKitError } from '@tillkit/models';
import { verifyWalletCallback, type WalletCallbackForm } from '@tillkit/paysera';
import { findView } from './attempts.ts';
import type { CheckoutServiceOptions } from './options.ts';
import type { ServiceContext } from './records.ts';
import type { PaymentAttempt } from './types.ts';

// A Paysera callback is a trigger, never a source of truth (spec §6.5): verify its signature, then let the
// engine re-read the transaction and advance the attempt. Every effect stays keyed and locked as in a
// round, so a duplicate, late or reordered callback does nothing a poll would not.

export async function handleWalletCallback(
  ctx: ServiceContext,
  callbacks: CheckoutServiceOptions['callbacks'],
  form: WalletCallbackForm,
): Promise<PaymentAttempt | undefined> {
  const key = callbacks?.publicKey;
  if (key === undefined)
    throw new TillKitError('INVALID_CONFIG', 'Wallet callbacks need the callbacks.publicKey option', {
      issues: [{ path: 'callbacks.publicKey', message: 'is required to verify callbacks' }],
    });
  const event = typeof key === 'string' ? verifyWalletCallback(form, key) : await key.verify(form);
  // Payment and allowance events carry nothing the engine acts on; transactions drive the attempt.
  if (event.object !== 'transaction') return undefined;
  const hint = event.data.payments?.[0]?.parameters?.['checkoutid'];
  const { checkout } = await ctx.engine.onTransactionEvent(
    event.data.transaction_key,
    typeof hint === 'string' ? hint : undefined,
  );
  return checkout === undefined ? undefined : findView(ctx, checkout.id);
}
