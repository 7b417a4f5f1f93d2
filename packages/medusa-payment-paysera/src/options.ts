// The provider's options (medusa-config `providers[].options`): the core's checkout configuration plus what
// only the provider needs, validated once by `validateOptions` at boot, one message per wrong or missing field.
import { checkoutConfigSchema } from '@tillkit/checkout';
import { parseOrThrow } from '@tillkit/models';
import { z } from 'zod';

const postgresUrl = /^postgres(ql)?:\/\//;
const sqlIdentifier = /^[a-z_][a-z0-9_]*$/;

export const PayseraOptionsSchema = checkoutConfigSchema.extend({
  /** Signs the events the engine sends through `/hooks/payment/paysera_{id}`; ≥ 32 characters, the same on every process. */
  webhookSecret: z.string().min(32, 'must be at least 32 characters (openssl rand -hex 32)'),
  /** PostgreSQL the checkout state lives in. @default Medusa's own `projectConfig.databaseUrl` */
  databaseUrl: z.string().regex(postgresUrl, 'must be a postgres:// URL').optional(),
  /** Prefix of the checkout tables. @default 'tillkit_' */
  tablePrefix: z.string().regex(sqlIdentifier, 'must be a lower-case SQL identifier').default('tillkit_'),
  /** Shown in the customer's wallet app; `{ref}` becomes the cart id. @default 'Order {ref}' */
  description: z.string().min(1).max(200).default('Order {ref}'),
});

export type PayseraOptions = z.input<typeof PayseraOptionsSchema>;
export type ResolvedOptions = z.output<typeof PayseraOptionsSchema>;

/** Parses the options or throws INVALID_CONFIG naming each bad field (`webhookSecret: must be …`). */
export const parseOptions = (options: unknown): ResolvedOptions =>
  parseOrThrow(PayseraOptionsSchema, options, '@tillkit/medusa-payment-paysera options', 'INVALID_CONFIG');
