// What a merchant writes: Vendure's config with the TillKit plugin. Everything else is Vendure's defaults.
import { createFiscalClient } from '@tillkit/fiscalization';
import { createWalletClient } from '@tillkit/paysera';
import { TillKitPlugin } from '@tillkit/vendure-plugin';
import { DefaultJobQueuePlugin, DefaultSchedulerPlugin, type VendureConfig } from '@vendure/core';
import type { Credentials } from './env.ts';

export interface ExampleSettings {
  port: number;
  /** sql.js database file (created and populated on first start). */
  dbFile: string;
  /** Paysera Wallet and fiskaltrust credentials (env.ts). */
  credentials: Credentials;
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
      TillKitPlugin.init({ checkout: checkout(s.credentials), runEngineInServer: true }),
    ],
  };
}

/** The checkout service: the Wallet client, the location shoppers scan at, the cash box that signs. */
function checkout(c: Credentials) {
  const credentials = { macId: c.macId, macKey: c.macKey };
  return {
    wallet: createWalletClient({
      credentials,
      baseUrl: c.walletUrl,
      projectId: c.projectId,
      retry: { limit: 0 },
    }),
    locationId: c.locationId,
    projectId: c.projectId,
    fiscal: {
      client: createFiscalClient({
        baseUrl: c.fiskaltrustUrl,
        cashBoxId: c.cashBoxId,
        accessToken: c.accessToken,
      }),
      country: 'AT' as const,
      cashBoxId: c.cashBoxId,
    },
    // Refunds through the Wallet API while a payment is still frozen (24 h after it was confirmed).
    refundWindowHours: 24,
    shopName: 'TillKit Vendure example',
  };
}
