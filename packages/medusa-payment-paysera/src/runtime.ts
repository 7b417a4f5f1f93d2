// One checkout service per process, whatever Medusa does: the provider is constructed, and its loader
// run, several times per process (three in medusaIntegrationTestRunner). Every Paysera provider of the app
// shares it (capture mode is per attempt). State is in PostgreSQL, which Medusa's server and worker
// processes already share; the ticker runs only where Medusa runs jobs (workerMode `worker` or `shared`),
// and one ticker holds the store's lease at a time.
import { container } from '@medusajs/framework';
import type { ConfigModule } from '@medusajs/framework/types';
import { ContainerRegistrationKeys, Modules } from '@medusajs/framework/utils';
import {
  type CheckoutEvent,
  type CheckoutService,
  checkoutOptionsFromConfig,
  createCheckoutService,
} from '@tillkit/checkout';
import { createPostgresStore } from '@tillkit/checkout/postgres';
import pg from 'pg';
import { first, orderIdForCart } from './medusa.ts';
import type { ResolvedOptions } from './options.ts';
import { linkReceiptToOrder } from './receipts.ts';
import { webhookFor } from './webhook.ts';

// Medusa's logger, as far as the core may call it (its error() takes an Error, not a context).
type Log = { warn(message: string): void; error(message: string): void; info(message: string): void };
let current: { service: CheckoutService; pool: pg.Pool; unsubscribe?: () => void } | undefined;

const config = (): ConfigModule | undefined =>
  container.resolve(ContainerRegistrationKeys.CONFIG_MODULE, { allowUnregistered: true });

/** The process's checkout service, created with the first provider's options. */
export function checkoutFor(options: ResolvedOptions, logger: Log): CheckoutService {
  if (!current) {
    const url = options.databaseUrl ?? config()?.projectConfig?.databaseUrl ?? process.env['DATABASE_URL'];
    const pool = new pg.Pool({ connectionString: url, max: 5 });
    // An idle connection the server dropped (a restart, a test restoring its database) must not crash Medusa.
    pool.on('error', (error) => logger.warn(`paysera: idle PostgreSQL connection lost: ${error.message}`));
    const store = createPostgresStore({ pool, tablePrefix: options.tablePrefix });
    const service = createCheckoutService(checkoutOptionsFromConfig(options, { store, logger }));
    current = { service, pool };
  }
  return current.service;
}

/** The service for API routes (which get no options): the one the providers created. */
export function defaultCheckout(): CheckoutService {
  if (!current) throw new Error('@tillkit/medusa-payment-paysera is not registered as a payment provider');
  return current.service;
}

/**
 * Starts the ticker and the consumer that turns checkout events into Medusa webhooks, once per process,
 * only where Medusa runs background work (never in `server` mode, which `db:migrate` forces).
 */
export function startTicker(options: ResolvedOptions, providerKey: string, logger: Log): void {
  const mode = config()?.projectConfig?.workerMode ?? process.env['MEDUSA_WORKER_MODE'] ?? 'shared';
  const service = checkoutFor(options, logger);
  if (mode === 'server' || !current || current.unsubscribe) return;
  // Signed with this provider's secret: the one its getWebhookActionAndData verifies with.
  current.unsubscribe = service.subscribe(`medusa:${providerKey}`, (event) =>
    deliver(event, options.webhookSecret, providerKey, service),
  );
  service.run();
  logger.info(`paysera: checkout ticker running in this ${mode} process`);
}

async function deliver(event: CheckoutEvent, secret: string, provider: string, service: CheckoutService) {
  if (event.type === 'receipt.signed') return linkReceiptToOrder(event, service);
  // Medusa acts on `authorized` (manual capture: reserved) and `captured` (automatic: confirmed) only; one
  // notice per payment keeps two payment workflows from racing for the cart (medusajs/medusa#13301).
  const attempt = await service.get(event.attemptId);
  if (!attempt || event.type !== (attempt.captureMode === 'manual' ? 'reserved' : 'confirmed')) return;
  const { sessionId = '', cartId = '' } = attempt.metadata;
  if (await orderIdForCart(cartId)) {
    // The order was placed awaiting this payment (pending_authorization). processPaymentWorkflow would
    // capture it without the order's transaction; this workflow records both (platforms.md A1.7).
    const session = await first('payment_session', ['status'], { id: sessionId });
    if (session?.['status'] !== 'pending_authorization') return;
    const input = { payment_session_id: sessionId };
    await container.resolve(Modules.WORKFLOW_ENGINE).run('authorize-payment-session-for-order', { input });
    return;
  }
  // No order yet: Medusa's webhook path (subscriber → getWebhookActionAndData → processPaymentWorkflow) completes the cart.
  const payload = webhookFor(secret, event);
  await container
    .resolve(Modules.EVENT_BUS)
    .emit({ name: 'payment.webhook_received', data: { provider, payload } });
}

/**
 * Stops this process's ticker and consumer (releasing the lease, so another worker takes over at once) and
 * closes its pool: graceful shutdown. The next provider call starts over; `startTicker` ticks again.
 */
export async function stopCheckout(): Promise<void> {
  const runtime = current;
  current = undefined;
  runtime?.unsubscribe?.();
  await runtime?.service.stop();
  await runtime?.pool.end();
}
