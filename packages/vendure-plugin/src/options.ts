import { randomBytes } from 'node:crypto';
import type { CheckoutServiceOptions } from '@tillkit/checkout';
import type { MerchantReads, SchemaOptions } from '@tillkit/graphql';
import { parseOrThrow } from '@tillkit/models';
import { Logger, type RequestContext } from '@vendure/core';
import { z } from 'zod';

/** The handler's code; a PaymentMethod created in the admin with this handler takes Paysera payments. */
export const HANDLER_CODE = 'paysera-scan-and-pay';
export const TILLKIT_OPTIONS = Symbol('TILLKIT_OPTIONS');

const isObject = (v: unknown) => typeof v === 'object' && v !== null;

type Supplied = 'merchantApiKey' | 'merchantKeyFromContext' | 'clientIdFromContext' | 'onUnexpectedError';
/** The shop API's `@tillkit/graphql` options (limits, token secret …), less what the plugin supplies. */
export type ShopApiOptions = Omit<SchemaOptions, Supplied> & {
  /** Opens `tillkitDocuments`/`tillkitFiscalDay` (header `x-tillkit-merchant-key`). @default closed to all */
  merchantApiKey?: string;
  /** What those merchant queries read (e.g. the Paysera POS documents). */
  merchant?: MerchantReads;
};

export const TillKitPluginOptionsSchema = z.object({
  /** `createCheckoutService`'s options (Wallet, fiskaltrust, location …) but the store: Vendure's DB. */
  checkout: z.custom<Omit<CheckoutServiceOptions, 'store'>>(
    (v) => isObject(v) && !('store' in v),
    'must be the options of @tillkit/checkout createCheckoutService, without a store',
  ),
  /** Run the engine in the server too, not only the worker (one-process shops, `@vendure/testing`). */
  runEngineInServer: z.boolean().default(false),
  /** Shown in the customer's wallet app; `{code}` is the order code. @default 'Order {code}' */
  description: z.string().min(1).max(200).default('Order {code}'),
  /** The `@tillkit/graphql` operations' options; checked by that package when `init` runs. @default {} */
  shopApi: z.custom<ShopApiOptions>(isObject, 'must be an object').default({}),
});

export type TillKitPluginOptions = z.input<typeof TillKitPluginOptionsSchema>;
export type ResolvedOptions = z.output<typeof TillKitPluginOptionsSchema>;

/** Validates the plugin options, reporting every issue as `path: message` (INVALID_CONFIG). */
export const parseOptions = (o: TillKitPluginOptions): ResolvedOptions =>
  parseOrThrow(TillKitPluginOptionsSchema, o, 'TillKitPlugin options', 'INVALID_CONFIG');

/** `@tillkit/graphql`'s options: the merchant's `shopApi`, and how Vendure's request context answers. */
export const contractOptions = ({ merchant: _, merchantApiKey, ...rest }: ShopApiOptions): SchemaOptions => ({
  ...rest,
  // No key configured: the merchant reads stay closed (nobody can present an unknown random key).
  merchantApiKey: merchantApiKey ?? randomBytes(32).toString('base64url'),
  merchantKeyFromContext: (c) => (c as RequestContext).req?.get('x-tillkit-merchant-key'),
  // The Vendure session (the active order's owner), so the per-client limits apply per shopper.
  clientIdFromContext: (c) => (c as RequestContext).session?.id.toString(),
  onUnexpectedError: (e) => Logger.error(`Shop API: ${String(e)}`, 'TillKitPlugin'),
});
