// What a merchant writes: Vendure's config with the TillKit plugin. Everything else is Vendure's defaults.
import { TillKitPlugin, type TillKitPluginOptions } from '@tillkit/vendure-plugin';
import { DefaultJobQueuePlugin, DefaultSchedulerPlugin, type VendureConfig } from '@vendure/core';

export interface ExampleSettings {
  port: number;
  /** sql.js database file (created and populated on first start). */
  dbFile: string;
  /** `@tillkit/checkout` options: Paysera and fiskaltrust credentials (the sandbox's in this example). */
  checkout: TillKitPluginOptions['checkout'];
  superadminPassword: string;
}

export function vendureConfig(s: ExampleSettings): VendureConfig {
  return {
    apiOptions: { port: s.port, adminApiPath: 'admin-api', shopApiPath: 'shop-api' },
    authOptions: {
      tokenMethod: ['bearer', 'cookie'],
      superadminCredentials: { identifier: 'superadmin', password: s.superadminPassword },
    },
    dbConnectionOptions: { type: 'sqljs', location: s.dbFile, autoSave: true, synchronize: true },
    paymentOptions: { paymentMethodHandlers: [] },
    plugins: [
      DefaultJobQueuePlugin.init({}),
      DefaultSchedulerPlugin.init(),
      // One process runs server and jobs here; with `bootstrapWorker` the engine runs in the worker only.
      TillKitPlugin.init({ checkout: s.checkout, runEngineInServer: true }),
    ],
  };
}
