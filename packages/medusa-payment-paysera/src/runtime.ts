// One checkout service per process and configuration, whatever Medusa does: the provider is constructed,
// and its loader run, several times per process (three in medusaIntegrationTestRunner). State is in
// PostgreSQL, which Medusa's server and worker processes already share; the ticker runs only where
// Medusa runs jobs (workerMode `worker` or `shared`), and one ticker holds the store's lease at a time.
import { container } from '@medusajs/framework';
import { Pool } from '@medusajs/framework/pg';
import { ContainerRegistrationKeys, Modules } from '@medusajs/framework/utils';
import { type CheckoutEvent, type CheckoutService, createCheckoutService } from '@tillkit/checkout';
import { createPostgresStore } from './postgres-store.ts';
import type { ResolvedOptions } from './options.ts';
import { linkReceiptToOrder } from './order-link.ts';
import { webhookFor } from './webhook.ts';

export interface Runtime {
  service: CheckoutService;
  /** Whether this process runs the ticker. */
  ticking: boolean;
}

interface Entry {
  runtime: Runtime;
  pool: Pool;
  unsubscribe?: () => void;
}

type Log = { warn(message: string): void; error(message: string): void; info(message: string): void };
const entries = new Map<string, Entry>();
let first: { options: ResolvedOptions; logger: Log } | undefined;

/** Remembers the provider's options, so routes (which get no options) find the same service. */
export function registerOptions(options: ResolvedOptions, logger: Log): void {
  first ??= { options, logger };
}

/** The runtime of the first Paysera provider configured in this process (for API routes). */
export function defaultRuntime(): Runtime {
  if (!first) throw new Error('@tillkit/medusa-payment-paysera is not registered as a payment provider');
  return runtimeFor(first.options, first.logger);
}

/** The database the checkout state lives in: the option, else Medusa's own. */
export function databaseUrlOf(options: ResolvedOptions): string {
  if (options.databaseUrl) return options.databaseUrl;
  const config = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE, { allowUnregistered: true }) as
    | { projectConfig?: { databaseUrl?: string } }
    | undefined;
  const url = config?.projectConfig?.databaseUrl ?? process.env['DATABASE_URL'];
  if (!url) throw new Error('@tillkit/medusa-payment-paysera: no databaseUrl option and no Medusa databaseUrl');
  return url;
}

/** The process's checkout service for these options (created on first use). */
export function runtimeFor(options: ResolvedOptions, logger: Log): Runtime {
  const url = databaseUrlOf(options);
  const key = `${url}#${options.tablePrefix}`;
  let entry = entries.get(key);
  if (!entry) {
    const pool = new Pool({ connectionString: url, max: 5 });
    // An idle connection the server dropped (a restart, a test restoring its database) must not crash Medusa.
    pool.on('error', (error) => logger.warn(`paysera: idle PostgreSQL connection lost: ${error.message}`));
    const store = createPostgresStore({ pool, tablePrefix: options.tablePrefix });
    const service = createCheckoutService({
      ...(options.checkout as object),
      store,
      captureMode: options.captureMode,
      logger,
    } as Parameters<typeof createCheckoutService>[0]);
    entry = { runtime: { service, ticking: false }, pool };
    entries.set(key, entry);
  }
  return entry.runtime;
}

/**
 * Starts the ticker and the event consumer that turns checkout events into Medusa webhooks, once per
 * process, and only where Medusa runs background work (never in `server` mode or `db:migrate`).
 */
export function startTicker(options: ResolvedOptions, providerKey: string, logger: Log): void {
  const config = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE, { allowUnregistered: true }) as
    | { projectConfig?: { workerMode?: string } }
    | undefined;
  const mode = config?.projectConfig?.workerMode ?? process.env['MEDUSA_WORKER_MODE'] ?? 'shared';
  if (mode === 'server') return;
  const runtime = runtimeFor(options, logger);
  if (runtime.ticking) return;
  runtime.ticking = true;
  const entry = [...entries.values()].find((e) => e.runtime === runtime)!;
  entry.unsubscribe = runtime.service.subscribe(`medusa:${providerKey}`, (event) =>
    deliver(event, options, providerKey, runtime.service),
  );
  runtime.service.run();
  logger.info(`paysera: checkout ticker running in this ${mode} process`);
}

async function deliver(
  event: CheckoutEvent,
  options: ResolvedOptions,
  providerKey: string,
  service: CheckoutService,
): Promise<void> {
  if (event.type === 'reserved' || event.type === 'confirmed') {
    // Through Medusa's own path: the payment-webhook subscriber → getWebhookActionAndData → processPaymentWorkflow.
    const eventBus = container.resolve(Modules.EVENT_BUS) as {
      emit(message: { name: string; data: unknown }): Promise<void>;
    };
    await eventBus.emit({
      name: 'payment.webhook_received',
      data: { provider: providerKey, payload: webhookFor(options.webhookSecret, event) },
    });
  } else if (event.type === 'receipt.signed') {
    await linkReceiptToOrder(event, service);
  }
}

/** Stops every ticker of this process and closes the pools (tests; a graceful shutdown). */
export async function stopRuntimes(): Promise<void> {
  const all = [...entries.values()];
  entries.clear();
  first = undefined;
  for (const e of all) {
    e.unsubscribe?.();
    await e.runtime.service.stop();
    await e.pool.end();
  }
}
