import { checkoutStoreEntities } from '@tillkit/checkout/typeorm';
import { createScalars } from '@tillkit/graphql';
import { PluginCommonModule, type Type, VendurePlugin } from '@vendure/core';
import { OrderReceiptsResolver, receiptsSchema } from './api.ts';
import { payseraScanAndPayHandler } from './handler.ts';
import { parseOptions, type ResolvedOptions, TILLKIT_OPTIONS, type TillKitPluginOptions } from './options.ts';
import { checkShopApi, contractResolvers, shopSchema } from './shop-api.ts';
import { TillKitPaymentOp, TillKitService } from './tillkit.service.ts';

/**
 * Paysera scan-and-pay with fiskaltrust-signed receipts for Vendure 3, over `@tillkit/checkout`.
 * @example plugins: [TillKitPlugin.init({ checkout: { wallet, locationId, fiscal } })] // see the README
 */
@VendurePlugin({
  imports: [PluginCommonModule],
  providers: [TillKitService, { provide: TILLKIT_OPTIONS, useFactory: () => TillKitPlugin.options }],
  // EntitySchemas, which TypeORM takes like classes (Vendure's type names only classes).
  entities: [...(checkoutStoreEntities as unknown as Type<unknown>[]), TillKitPaymentOp],
  configuration: (config) => {
    config.paymentOptions.paymentMethodHandlers.push(payseraScanAndPayHandler);
    return config;
  },
  shopApiExtensions: {
    schema: shopSchema,
    scalars: createScalars,
    resolvers: [...contractResolvers, OrderReceiptsResolver],
  },
  adminApiExtensions: { schema: receiptsSchema, resolvers: [OrderReceiptsResolver] },
  exports: [TillKitService],
  compatibility: '^3.0.0',
})
export class TillKitPlugin {
  static options: ResolvedOptions;

  /** Validates the options (INVALID_CONFIG naming every bad field) and returns the plugin. */
  static init(options: TillKitPluginOptions): Type<TillKitPlugin> {
    const parsed = parseOptions(options);
    checkShopApi(parsed.shopApi);
    TillKitPlugin.options = parsed;
    return TillKitPlugin;
  }
}
