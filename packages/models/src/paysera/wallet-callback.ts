import { z } from 'zod';
import { openEnum } from '../shared.ts';
import { Transaction, WalletPayment } from './wallet.ts';

/**
 * Callback event types: the classic docs' list (`/en/wallet/payment/callbacks`) and PHP's
 * `Callback/EventSubscriber::getSubscribedEvents` (`transaction.<type>`). `confirmed` only with auto_confirm.
 */
export const WalletCallbackType = [
  'reserved',
  'confirmed',
  'rejected',
  'failed',
  'waiting_funds',
  'waiting_registration',
  'waiting_password',
] as const;

const type = openEnum(WalletCallbackType);

/**
 * The `event` field of a Wallet callback, parsed: `{type, object, data}` where `data` is the object as the
 * API returns it. PHP's `Callback/Handler` knows the objects transaction, payment and allowance and
 * refuses any other; so does this schema (the allowance is kept loose: TillKit does not use it).
 */
export const WalletCallbackEvent = z.discriminatedUnion('object', [
  z.looseObject({ type, object: z.literal('transaction'), data: Transaction }),
  z.looseObject({ type, object: z.literal('payment'), data: WalletPayment }),
  z.looseObject({ type, object: z.literal('allowance'), data: z.record(z.string(), z.unknown()) }),
]);
export type WalletCallbackEvent = z.infer<typeof WalletCallbackEvent>;
