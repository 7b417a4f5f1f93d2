import { parseOrThrow } from '@tillkit/models';
import type { PollingOptions, PosClient, RequestBudget, WalletPort, WalletPublicKey } from '@tillkit/paysera';
import { z } from 'zod';
import type { JobRunnerOptions } from './jobs.ts';
import type { FiscalSettings } from './records.ts';
import type { CheckoutStore } from './store/port.ts';
import type { CaptureMode, Logger } from './types.ts';

/** Options of {@link createCheckoutService}. */
export interface CheckoutServiceOptions {
  /** Where attempts, checkouts, jobs and events live. Embedded default: `createSqliteCheckoutStore`. */
  store: CheckoutStore;
  /** The Paysera Wallet API (a `createWalletClient(...)` with `retry: { limit: 0 }`: the engine retries). */
  wallet: WalletPort;
  /** The Paysera location whose spots shoppers scan. */
  locationId: number;
  /** Where receipts are signed. */
  fiscal: FiscalSettings;
  /** The merchant's Paysera POS (External API): paid orders are recorded there when `sync` is on (the default). */
  pos?: { client: PosClient; sync?: boolean };
  /** @default 'automatic' */
  captureMode?: CaptureMode;
  /** How long a shopper has to scan and pay. @default 300000 (5 min) */
  checkoutTtlMs?: number;
  /**
   * Hours a confirmed payment stays frozen, during which it can be refunded through the Wallet API (Paysera
   * settles it after that). @default 0: no refunds through the API (`refund` answers REFUND_NOT_SUPPORTED)
   */
  refundWindowHours?: number;
  /** The Wallet request budget shared by every worker. @default 100 requests/min in this process */
  budget?: RequestBudget;
  polling?: PollingOptions;
  /** @default 30000 */
  lockTtlMs?: number;
  /** @default 5 */
  maxConfirmAttempts?: number;
  /** Manual capture: an authorization not captured within this is released. @default 7 days */
  authorizationTtlMs?: number;
  /** Sent as `project_id` in the MAC ext of transaction create and confirm. */
  projectId?: number;
  /** Printed on receipts. @default 'TillKit shop' */
  shopName?: string;
  jobs?: JobRunnerOptions;
  /** Interval between rounds while anything is live or due. @default 400 */
  tickIntervalMs?: number;
  /** Longest wait between idle rounds (a new attempt wakes the ticker at once). @default 2000 */
  idleIntervalMs?: number;
  /** The ticker lease: another instance takes over this long after the leader dies. @default 15000 */
  leaderLeaseMs?: number;
  /** An event consumer's delivery lease: another process delivers this long after the deliverer dies. @default 15000 */
  consumerLeaseMs?: number;
  /**
   * Closing spots a shopper scanned and left, with no attempt behind them (else the table stays blocked).
   * `false` turns it off. @default { graceMs: 300000, intervalMs: 60000 }
   */
  spotReclaim?: false | { graceMs?: number; intervalMs?: number };
  /**
   * Paysera's transaction callbacks as a trigger (polling stays the fallback): `uri` is sent as each
   * transaction's `callback_uri` (default: the project's setting); `publicKey` verifies what reaches
   * {@link CheckoutService.onWalletCallback}: a PEM, or `createWalletPublicKey()` (fetched and cached).
   */
  callbacks?: { publicKey: string | WalletPublicKey; uri?: string };
  logger?: Logger;
  clock?: () => number;
}

const fn = (name: string) =>
  z.custom<(...a: never[]) => unknown>((v) => typeof v === 'function', `must be a function (${name})`);
const object = (methods: string[]) =>
  z.custom<object>(
    (v) =>
      typeof v === 'object' &&
      v !== null &&
      methods.every((m) => typeof (v as Record<string, unknown>)[m] === 'function'),
    `must be an object with ${methods.join(', ')}`,
  );
const positive = z.number().int().positive();

const Options = z.object({
  store: object(['get', 'list', 'commit', 'claimJobs', 'settleJob', 'events', 'lease']),
  wallet: object(['createTransaction', 'confirmTransaction', 'revokeTransaction', 'closeSpot']),
  locationId: positive,
  fiscal: z.object({
    client: object(['sign']),
    country: z.enum(['AT', 'DE', 'IT']),
    cashBoxId: z.uuid(),
    posSystemId: z.uuid().optional(),
    terminalId: z.string().min(1).optional(),
  }),
  pos: z
    .object({ client: object(['createOrder', 'completeOrder', 'listOrders']), sync: z.boolean().optional() })
    .optional(),
  captureMode: z.enum(['automatic', 'manual']).optional(),
  checkoutTtlMs: positive.min(10_000).optional(),
  refundWindowHours: z.number().int().min(0).max(8760).optional(),
  lockTtlMs: positive.min(1_000).optional(),
  maxConfirmAttempts: positive.max(50).optional(),
  authorizationTtlMs: positive.optional(),
  projectId: positive.optional(),
  shopName: z.string().min(1).max(100).optional(),
  tickIntervalMs: positive.optional(),
  idleIntervalMs: positive.optional(),
  leaderLeaseMs: positive.min(1_000).optional(),
  consumerLeaseMs: positive.min(1_000).optional(),
  callbacks: z
    .object({ publicKey: z.union([z.string().min(1), object(['verify'])]), uri: z.url().optional() })
    .optional(),
  clock: fn('clock').optional(),
  spotReclaim: z
    .union([z.literal(false), z.object({ graceMs: positive.optional(), intervalMs: positive.optional() })])
    .optional(),
});

/** Checks the options at the edge: INVALID_CONFIG naming every wrong field (secrets are never echoed). */
export function checkOptions(options: CheckoutServiceOptions): void {
  parseOrThrow(Options, options, 'checkout service options', 'INVALID_CONFIG');
}
