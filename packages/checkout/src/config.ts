import { createFiscalClient } from '@tillkit/fiscalization';
import { parseOrThrow } from '@tillkit/models';
import { createPosClient, createWalletClient, type RequestBudget } from '@tillkit/paysera';
import { z } from 'zod';
import type { CheckoutServiceOptions } from './options.ts';
import type { CheckoutStore } from './store/port.ts';
import type { Logger } from './types.ts';

// The JSON a merchant writes (a platform's plugin options, a worker's environment) as the service's
// options. The Paysera and fiskaltrust clients are built here only, so no adapter constructs them itself.

const positive = z.number().int().positive();
const required = (what: string) =>
  z.string({ error: `is required (${what})` }).min(1, `is required (${what})`);

/** The plain checkout configuration; adapters `.extend()` it with their own fields. */
export const checkoutConfigSchema = z.object({
  /** `automatic`: captured as soon as the customer pays. `manual`: authorized; captured later. @default 'automatic' */
  captureMode: z.enum(['automatic', 'manual']).default('automatic'),
  /** The Paysera Wallet API client (MAC credentials) and the location whose spots shoppers scan. */
  paysera: z.object({
    macId: required('Wallet API MAC id'),
    macKey: required('Wallet API MAC key'),
    /** Signed into transaction create and confirm. @default the project of the MAC credentials */
    projectId: positive.optional(),
    locationId: positive,
    /** @default the Wallet API's production URL */
    walletUrl: z.url().optional(),
    /** Per-request timeout of Wallet calls. @default 10000 */
    timeoutMs: positive.optional(),
    /** Records every paid order in the merchant's Paysera POS (External API). */
    pos: z
      .object({
        token: required('POS API token'),
        url: z.url().optional(),
        sync: z.boolean().default(true),
      })
      .optional(),
  }),
  /** The fiskaltrust CashBox that signs receipts. */
  fiskaltrust: z.object({
    cashBoxId: z.uuid(),
    accessToken: required('CashBox access token'),
    country: z.enum(['AT', 'DE', 'IT']).default('AT'),
    /** POS System API base URL, without `/v2`. @default fiskaltrust's sandbox */
    url: z.url().optional(),
    posSystemId: z.uuid().optional(),
    timeoutMs: positive.optional(),
  }),
  /** Printed on receipts. @default 'TillKit shop' */
  shopName: z.string().min(1).max(100).optional(),
  /** How long a shopper has to scan and pay, ms. @default 300000 */
  checkoutTtlMs: positive.min(10_000).optional(),
  /** Hours a payment can be refunded through the Wallet API (0: refunds answer REFUND_NOT_SUPPORTED). @default 0 */
  refundWindowHours: z.number().int().min(0).max(8760).optional(),
  /**
   * Ticker tuning (ms): rounds while busy, the longest idle wait, the leader lease, and the per-checkout
   * lock after which a killed worker's checkout is resumed (keep it above the HTTP timeout).
   */
  ticker: z
    .object({
      intervalMs: positive,
      idleMs: positive,
      leaseMs: positive.min(1_000),
      lockMs: positive.min(1_000),
    })
    .partial()
    .optional(),
});

/** What a merchant writes (defaults not applied yet). */
export type CheckoutConfig = z.input<typeof checkoutConfigSchema>;

/** What the host provides beside the configuration. */
export interface CheckoutConfigDeps {
  store: CheckoutStore;
  logger?: Logger;
  /** @default 100 requests/min in this process */
  budget?: RequestBudget;
}

/** The object without its undefined fields (exactOptionalPropertyTypes). */
const defined = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };

/**
 * The service's options from `config`, validated (INVALID_CONFIG naming each bad field, never a value).
 *
 * @example
 * const checkout = createCheckoutService(checkoutOptionsFromConfig(json, { store, logger }));
 */
export function checkoutOptionsFromConfig(
  config: CheckoutConfig,
  deps: CheckoutConfigDeps,
): CheckoutServiceOptions {
  const c = parseOrThrow(checkoutConfigSchema, config, 'checkout configuration', 'INVALID_CONFIG');
  const { paysera: p, fiskaltrust: f, ticker: t } = c;
  return {
    store: deps.store,
    ...defined({ logger: deps.logger, budget: deps.budget }),
    // The engine retries on its next round: the client must not retry on its own.
    wallet: createWalletClient({
      credentials: { macId: p.macId, macKey: p.macKey },
      retry: { limit: 0 },
      ...defined({ baseUrl: p.walletUrl, projectId: p.projectId, timeoutMs: p.timeoutMs }),
    }),
    locationId: p.locationId,
    fiscal: {
      client: createFiscalClient({
        cashBoxId: f.cashBoxId,
        accessToken: f.accessToken,
        ...defined({ baseUrl: f.url, timeoutMs: f.timeoutMs }),
      }),
      country: f.country,
      cashBoxId: f.cashBoxId,
      ...defined({ posSystemId: f.posSystemId }),
    },
    ...(p.pos
      ? {
          pos: {
            client: createPosClient({ token: p.pos.token, ...defined({ baseUrl: p.pos.url }) }),
            sync: p.pos.sync,
          },
        }
      : {}),
    captureMode: c.captureMode,
    ...defined({
      projectId: p.projectId,
      shopName: c.shopName,
      checkoutTtlMs: c.checkoutTtlMs,
      refundWindowHours: c.refundWindowHours,
      tickIntervalMs: t?.intervalMs,
      idleIntervalMs: t?.idleMs,
      leaderLeaseMs: t?.leaseMs,
      lockTtlMs: t?.lockMs,
    }),
  };
}
