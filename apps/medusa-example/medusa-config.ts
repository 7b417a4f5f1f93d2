// A minimal Medusa server with the TillKit Paysera provider. Every value comes from the environment; the
// values for the TillKit sandbox are set by `pnpm dev` (scripts/dev.mjs) after it starts the sandbox.
import { defineConfig, loadEnv } from '@medusajs/framework/utils';

loadEnv(process.env.NODE_ENV || 'development', process.cwd());
const env = (name: string, fallback?: string) => process.env[name] ?? fallback;

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: env('DATABASE_URL', 'postgres://postgres@localhost:5432/tk_medusa_example'),
    // `shared` runs the API and the checkout ticker in one process; production runs `server` + `worker`.
    workerMode: env('MEDUSA_WORKER_MODE', 'shared') as 'shared' | 'worker' | 'server',
    http: {
      storeCors: env('STORE_CORS', 'http://localhost:8000')!,
      adminCors: env('ADMIN_CORS', 'http://localhost:9000')!,
      authCors: env('AUTH_CORS', 'http://localhost:9000')!,
      jwtSecret: env('JWT_SECRET', 'supersecret'),
      cookieSecret: env('COOKIE_SECRET', 'supersecret'),
    },
  },
  admin: { disable: true },
  modules: [
    {
      resolve: '@medusajs/medusa/payment',
      options: {
        providers: [
          {
            resolve: '@tillkit/medusa-payment-paysera',
            id: 'paysera',
            options: {
              webhookSecret: env('TILLKIT_WEBHOOK_SECRET'),
              captureMode: env('TILLKIT_CAPTURE_MODE', 'automatic'),
              ...(env('TILLKIT_DATABASE_URL') ? { databaseUrl: env('TILLKIT_DATABASE_URL') } : {}),
              paysera: {
                macId: env('PAYSERA_MAC_ID'),
                macKey: env('PAYSERA_MAC_KEY'),
                projectId: Number(env('PAYSERA_PROJECT_ID')),
                locationId: Number(env('PAYSERA_LOCATION_ID')),
                ...(env('PAYSERA_WALLET_URL') ? { walletUrl: env('PAYSERA_WALLET_URL') } : {}),
              },
              fiskaltrust: {
                cashBoxId: env('FISKALTRUST_CASHBOX_ID'),
                accessToken: env('FISKALTRUST_ACCESS_TOKEN'),
                country: env('FISKALTRUST_COUNTRY', 'AT'),
                ...(env('FISKALTRUST_URL') ? { url: env('FISKALTRUST_URL') } : {}),
              },
            },
          },
        ],
      },
    },
  ],
});
