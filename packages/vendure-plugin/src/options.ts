import type { CheckoutServiceOptions } from '@tillkit/checkout';
import type { MerchantReads, SchemaOptions } from '@tillkit/graphql';
import { parseOrThrow } from '@tillkit/models';
import { z } from 'zod';

/** The handler's code; a PaymentMethod created in the admin with this handler takes Paysera payments. */
export const HANDLER_CODE = 'paysera-scan-and-pay';
export const TILLKIT_OPTIONS = Symbol('TILLKIT_OPTIONS');

const isObject = (v: unknown) => typeof v === 'object' && v !== null;
// Typed here, checked by @tillkit/graphql (its bounds, its messages) when the service is built.
const limit = <K extends keyof SchemaOptions>() => z.custom<SchemaOptions[K]>().optional();

export const TillKitPluginOptionsSchema = z.object({
  /** `createCheckoutService`'s options (Wallet and fiskaltrust clients, location …) but the store: Vendure's DB. */
  checkout: z.custom<Omit<CheckoutServiceOptions, 'store'>>(
    (v) => isObject(v) && !('store' in v),
    'must be the options of @tillkit/checkout createCheckoutService, without a store',
  ),
  /**
   * Also drive the engine from the server process. By default only the Vendure worker does (one ticker
   * at a time across workers); set it for a single-process shop or `@vendure/testing`, which starts no worker.
   * @default false
   */
  runEngineInServer: z.boolean().default(false),
  /** Shown in the customer's wallet app; `{code}` is the order code. @default 'Order {code}' */
  description: z.string().min(1).max(200).default('Order {code}'),
  /**
   * The `@tillkit/graphql` operations in the shop API. `merchantApiKey` (sent as `x-tillkit-merchant-key`)
   * opens `tillkitDocuments`/`tillkitFiscalDay` over `merchant`; without a key they stay closed to everyone.
   * The limits are `@tillkit/graphql`'s, validated by it when Vendure boots.
   */
  shopApi: z
    .strictObject({
      merchantApiKey: z.string().min(16, 'must be at least 16 characters').optional(),
      merchant: z
        .custom<MerchantReads>(
          (v) => isObject(v) && 'documents' in v && 'fiscalDay' in v,
          'must be MerchantReads',
        )
        .optional(),
      checkoutTokenSecret: limit<'checkoutTokenSecret'>(),
      maxLiveCheckoutsPerClient: limit<'maxLiveCheckoutsPerClient'>(),
      startCheckoutRate: limit<'startCheckoutRate'>(),
      pollIntervalMs: limit<'pollIntervalMs'>(),
    })
    .default({}),
});

export type TillKitPluginOptions = z.input<typeof TillKitPluginOptionsSchema>;
export type ResolvedOptions = z.output<typeof TillKitPluginOptionsSchema>;

/** Validates the plugin options, reporting every issue as `path: message` (INVALID_CONFIG). */
export const parseOptions = (o: TillKitPluginOptions): ResolvedOptions =>
  parseOrThrow(TillKitPluginOptionsSchema, o, 'TillKitPlugin options', 'INVALID_CONFIG');
