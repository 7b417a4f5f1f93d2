// `@tillkit/medusa-payment-paysera`: register in medusa-config under the Payment Module's providers with
// `id: 'paysera'` (provider `pp_paysera_paysera`, webhook `/hooks/payment/paysera_paysera`).
import type { ProviderLoaderOptions } from '@medusajs/framework/types';
import { ModuleProvider, Modules } from '@medusajs/framework/utils';
import { parseOptions } from './options.ts';
import { startTicker } from './runtime.ts';
import { PayseraProviderService } from './service.ts';

// Runs in every process Medusa boots (and several times in one); startTicker decides whether to tick.
async function engineLoader({ options, moduleOptions, logger }: ProviderLoaderOptions): Promise<void> {
  if (!options || !logger) return;
  const providers = moduleOptions['providers'] as Array<{ id?: string; options?: unknown }> | undefined;
  const id = providers?.find((p) => p.options === options)?.id ?? 'paysera';
  startTicker(parseOptions(options), `${PayseraProviderService.identifier}_${id}`, logger);
}

export default ModuleProvider(Modules.PAYMENT, {
  services: [PayseraProviderService],
  loaders: [engineLoader],
});

export { toMajor, toMoney } from './amounts.ts';
export { type PayseraOptions, PayseraOptionsSchema } from './options.ts';
export { receiptRoute } from './receipts.ts';
export { stopCheckout } from './runtime.ts';
export { cartHeader, storeGraphql, storeGraphqlRoute } from './storefront.ts';
export { PayseraProviderService };
