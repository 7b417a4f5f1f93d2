// The e2e shop: the provider twice (automatic capture as `paysera`, manual capture as `manual`), both over
// one checkout store in PostgreSQL. The suite sets the environment before Medusa loads this file.
import { defineConfig } from '@medusajs/framework/utils';

const provider = (id: string, captureMode: string) => ({
  resolve: '@tillkit/medusa-payment-paysera',
  id,
  options: {
    webhookSecret: process.env['TK_WEBHOOK_SECRET'],
    captureMode,
    databaseUrl: process.env['TK_STORE_URL'],
    ...JSON.parse(process.env['TK_PROVIDER'] ?? '{}'),
  },
});

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env['DATABASE_URL'] ?? '',
    http: {
      storeCors: '*',
      adminCors: '*',
      authCors: '*',
      jwtSecret: 'test-jwt-secret',
      cookieSecret: 'test-cookie-secret',
    },
  },
  admin: { disable: true },
  modules: [
    {
      resolve: '@medusajs/medusa/payment',
      options: { providers: [provider('paysera', 'automatic'), provider('manual', 'manual')] },
    },
  ],
});
