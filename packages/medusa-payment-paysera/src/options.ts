// The provider's options (medusa-config `providers[].options`), validated once by `validateOptions` at
// boot with one message per wrong or missing field.
import { parseOrThrow } from '@tillkit/models';
import { z } from 'zod';

export const PayseraOptionsSchema = z.object({
  /**
   * Signs the events the engine sends through Medusa's webhook path (`/hooks/payment/paysera_paysera`);
   * at least 32 characters. The same value on every server and worker process.
   */
  webhookSecret: z.string().min(32, 'must be at least 32 characters (openssl rand -hex 32)'),
  /** `automatic`: captured as soon as the customer pays. `manual`: authorized; capture from the admin. @default 'automatic' */
  captureMode: z.enum(['automatic', 'manual']).default('automatic'),
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
  /** The checkout service's own options (Paysera Wallet and POS, fiskaltrust): see `@tillkit/checkout`. */
  checkout: z.record(z.string(), z.unknown()),
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
