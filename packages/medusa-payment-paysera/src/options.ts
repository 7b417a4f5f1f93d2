// The provider's options (medusa-config `providers[].options`): plain values a merchant keeps in the
// environment, validated once by `validateOptions` at boot with one message per wrong or missing field.
import { parseOrThrow } from '@tillkit/models';
import { z } from 'zod';

const positive = z.number().int().positive();
const required = (what: string) =>
  z.string({ error: `is required (${what})` }).min(1, `is required (${what})`);

export const PayseraOptionsSchema = z.object({
  /** Signs the events the engine sends through `/hooks/payment/paysera_{id}`; ≥ 32 characters, the same on every process. */
  webhookSecret: z.string().min(32, 'must be at least 32 characters (openssl rand -hex 32)'),
  /** `automatic`: captured as soon as the customer pays. `manual`: authorized; capture from the admin. @default 'automatic' */
  captureMode: z.enum(['automatic', 'manual']).default('automatic'),
  /** The Paysera Wallet API client (MAC credentials) and the location whose spots shoppers scan. */
  paysera: z.object({
    macId: required('Wallet API MAC id'),
    macKey: required('Wallet API MAC key'),
    projectId: positive,
    locationId: positive,
    /** @default the Wallet API's production URL */
    walletUrl: z.url().optional(),
    /** Records every paid order in the merchant's Paysera POS (External API). */
    pos: z
      .object({ token: z.string().min(1), url: z.url().optional(), sync: z.boolean().default(true) })
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
  }),
  /** PostgreSQL the checkout state lives in. @default Medusa's own `projectConfig.databaseUrl` */
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  /** Prefix of the checkout tables. @default 'tillkit_' */
  tablePrefix: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL identifier')
    .default('tillkit_'),
  /** Shown in the customer's wallet app; `{ref}` becomes the cart id. @default 'Order {ref}' */
  description: z.string().min(1).max(200).default('Order {ref}'),
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

export type PayseraOptions = z.input<typeof PayseraOptionsSchema>;
export type ResolvedOptions = z.output<typeof PayseraOptionsSchema>;

/** Parses the options or throws INVALID_CONFIG naming each bad field (`webhookSecret: must be …`). */
export function parseOptions(options: unknown): ResolvedOptions {
  return parseOrThrow(
    PayseraOptionsSchema,
    options,
    '@tillkit/medusa-payment-paysera options',
    'INVALID_CONFIG',
  );
}
