import { createFiscalClient } from '@tillkit/fiscalization';
import { parseOrThrow } from '@tillkit/models';
import { createPosClient, createTokenBucket, createWalletClient } from '@tillkit/paysera';
import { z } from 'zod';
import type { CheckoutServiceOptions } from './options.ts';
import { createRedisCheckoutStore } from './store/redis.ts';
import { createSqliteCheckoutStore } from './store/sqlite.ts';

// The service configured from environment variables, checked at the edge: what `tillkit-checkout-worker`
// runs, and what a host process can use to share the worker's SQLite file (one host, several processes).

const int = z.coerce.number().int();
const Env = z.object({
  /** A SQLite file (one host), or … */
  TILLKIT_DB: z.string().min(1).optional(),
  /** … a Redis URL (several hosts: store and request budget shared; needs the ioredis package). */
  TILLKIT_REDIS_URL: z.url().optional(),
  TILLKIT_REDIS_PREFIX: z.string().min(1).optional(),
  PAYSERA_MAC_ID: z.string().min(1),
  PAYSERA_MAC_KEY: z.string().min(1),
  PAYSERA_PROJECT_ID: int.positive().optional(),
  PAYSERA_LOCATION_ID: int.positive(),
  PAYSERA_WALLET_URL: z.url().optional(),
  /** Per-request timeout of Wallet calls. */
  PAYSERA_TIMEOUT_MS: int.positive().optional(),
  PAYSERA_POS_TOKEN: z.string().min(1).optional(),
  PAYSERA_POS_URL: z.url().optional(),
  FISKALTRUST_URL: z.url().optional(),
  FISKALTRUST_CASHBOX_ID: z.uuid(),
  FISKALTRUST_ACCESS_TOKEN: z.string().min(1),
  FISKALTRUST_COUNTRY: z.enum(['AT', 'DE', 'IT']),
  FISKALTRUST_TIMEOUT_MS: int.positive().optional(),
  /** How long a shopper has to pay (≥ 10 s). */
  TILLKIT_CHECKOUT_TTL_MS: int.min(10_000).optional(),
  /** Lock TTL of one checkout: a killed worker's checkout is resumed after this; keep it above the HTTP timeout. */
  TILLKIT_LOCK_TTL_MS: int.min(1000).optional(),
  TILLKIT_CAPTURE_MODE: z.enum(['automatic', 'manual']).optional(),
  TILLKIT_REFUND_WINDOW_HOURS: int.min(0).optional(),
  TILLKIT_REQUESTS_PER_MINUTE: int.positive().default(100),
  TILLKIT_TICK_MS: int.positive().optional(),
  TILLKIT_LEADER_LEASE_MS: int.positive().optional(),
  TILLKIT_SHOP_NAME: z.string().min(1).optional(),
  TILLKIT_JOB_LEASE_MS: int.positive().optional(),
  TILLKIT_JOB_MAX_DELAY_MS: int.positive().optional(),
});

/** Service options from `env`; INVALID_CONFIG names each missing or wrong variable (never its value). */
export async function checkoutOptionsFromEnv(
  env: Record<string, string | undefined>,
): Promise<CheckoutServiceOptions> {
  const e = parseOrThrow(
    Env.refine((v) => (v.TILLKIT_DB === undefined) !== (v.TILLKIT_REDIS_URL === undefined), {
      message: 'set exactly one of TILLKIT_DB and TILLKIT_REDIS_URL',
      path: ['TILLKIT_DB'],
    }),
    env,
    'environment',
    'INVALID_CONFIG',
  );
  const shared = e.TILLKIT_REDIS_URL
    ? await redisParts(
        e.TILLKIT_REDIS_URL,
        e.TILLKIT_REDIS_PREFIX ?? '{tillkit}:',
        e.TILLKIT_REQUESTS_PER_MINUTE,
      )
    : undefined;
  return {
    store: shared?.store ?? createSqliteCheckoutStore({ path: e.TILLKIT_DB as string }),
    wallet: createWalletClient({
      credentials: { macId: e.PAYSERA_MAC_ID, macKey: e.PAYSERA_MAC_KEY },
      retry: { limit: 0 },
      ...(e.PAYSERA_WALLET_URL ? { baseUrl: e.PAYSERA_WALLET_URL } : {}),
      ...(e.PAYSERA_PROJECT_ID ? { projectId: e.PAYSERA_PROJECT_ID } : {}),
      ...(e.PAYSERA_TIMEOUT_MS ? { timeoutMs: e.PAYSERA_TIMEOUT_MS } : {}),
    }),
    locationId: e.PAYSERA_LOCATION_ID,
    ...(e.PAYSERA_PROJECT_ID ? { projectId: e.PAYSERA_PROJECT_ID } : {}),
    fiscal: {
      client: createFiscalClient({
        cashBoxId: e.FISKALTRUST_CASHBOX_ID,
        accessToken: e.FISKALTRUST_ACCESS_TOKEN,
        ...(e.FISKALTRUST_URL ? { baseUrl: e.FISKALTRUST_URL } : {}),
        ...(e.FISKALTRUST_TIMEOUT_MS ? { timeoutMs: e.FISKALTRUST_TIMEOUT_MS } : {}),
      }),
      country: e.FISKALTRUST_COUNTRY,
      cashBoxId: e.FISKALTRUST_CASHBOX_ID,
    },
    ...(e.PAYSERA_POS_TOKEN
      ? {
          pos: {
            client: createPosClient({
              token: e.PAYSERA_POS_TOKEN,
              ...(e.PAYSERA_POS_URL ? { baseUrl: e.PAYSERA_POS_URL } : {}),
            }),
          },
        }
      : {}),
    budget: shared?.budget ?? createTokenBucket({ requestsPerMinute: e.TILLKIT_REQUESTS_PER_MINUTE }),
    ...(e.TILLKIT_CAPTURE_MODE ? { captureMode: e.TILLKIT_CAPTURE_MODE } : {}),
    ...(e.TILLKIT_REFUND_WINDOW_HOURS === undefined
      ? {}
      : { refundWindowHours: e.TILLKIT_REFUND_WINDOW_HOURS }),
    ...(e.TILLKIT_TICK_MS
      ? { tickIntervalMs: e.TILLKIT_TICK_MS, polling: { fastIntervalMs: e.TILLKIT_TICK_MS } }
      : {}),
    ...(e.TILLKIT_CHECKOUT_TTL_MS ? { checkoutTtlMs: e.TILLKIT_CHECKOUT_TTL_MS } : {}),
    ...(e.TILLKIT_LOCK_TTL_MS ? { lockTtlMs: e.TILLKIT_LOCK_TTL_MS } : {}),
    ...(e.TILLKIT_LEADER_LEASE_MS ? { leaderLeaseMs: e.TILLKIT_LEADER_LEASE_MS } : {}),
    ...(e.TILLKIT_SHOP_NAME ? { shopName: e.TILLKIT_SHOP_NAME } : {}),
    jobs: {
      ...(e.TILLKIT_JOB_LEASE_MS ? { leaseMs: e.TILLKIT_JOB_LEASE_MS } : {}),
      ...(e.TILLKIT_JOB_MAX_DELAY_MS
        ? { maxDelayMs: e.TILLKIT_JOB_MAX_DELAY_MS, baseDelayMs: Math.min(1000, e.TILLKIT_JOB_MAX_DELAY_MS) }
        : {}),
    },
  };
}

/** The Redis store and a request budget shared by every worker, over one ioredis connection. */
async function redisParts(url: string, prefix: string, requestsPerMinute: number) {
  const [{ Redis }, { createRedisTokenBucket }] = await Promise.all([
    import('ioredis'),
    import('@tillkit/paysera/redis'),
  ]);
  const redis = new Redis(url, { maxRetriesPerRequest: 2 });
  return {
    store: createRedisCheckoutStore({ redis, prefix }),
    budget: createRedisTokenBucket({ redis, prefix, requestsPerMinute }),
  };
}
