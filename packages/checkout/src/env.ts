import { parseOrThrow } from '@tillkit/models';
import { createTokenBucket } from '@tillkit/paysera';
import { z } from 'zod';
import { type CheckoutConfig, checkoutOptionsFromConfig } from './config.ts';
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
  TILLKIT_REFUND_WINDOW_HOURS: int.min(0).max(8760).optional(),
  TILLKIT_REQUESTS_PER_MINUTE: int.positive().default(100),
  TILLKIT_TICK_MS: int.positive().optional(),
  TILLKIT_LEADER_LEASE_MS: int.min(1000).optional(),
  TILLKIT_SHOP_NAME: z.string().min(1).max(100).optional(),
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
  const config: CheckoutConfig = {
    ...(e.TILLKIT_CAPTURE_MODE ? { captureMode: e.TILLKIT_CAPTURE_MODE } : {}),
    paysera: {
      macId: e.PAYSERA_MAC_ID,
      macKey: e.PAYSERA_MAC_KEY,
      projectId: e.PAYSERA_PROJECT_ID,
      locationId: e.PAYSERA_LOCATION_ID,
      walletUrl: e.PAYSERA_WALLET_URL,
      timeoutMs: e.PAYSERA_TIMEOUT_MS,
      ...(e.PAYSERA_POS_TOKEN ? { pos: { token: e.PAYSERA_POS_TOKEN, url: e.PAYSERA_POS_URL } } : {}),
    },
    fiskaltrust: {
      cashBoxId: e.FISKALTRUST_CASHBOX_ID,
      accessToken: e.FISKALTRUST_ACCESS_TOKEN,
      country: e.FISKALTRUST_COUNTRY,
      url: e.FISKALTRUST_URL,
      timeoutMs: e.FISKALTRUST_TIMEOUT_MS,
    },
    shopName: e.TILLKIT_SHOP_NAME,
    checkoutTtlMs: e.TILLKIT_CHECKOUT_TTL_MS,
    refundWindowHours: e.TILLKIT_REFUND_WINDOW_HOURS,
    ticker: {
      intervalMs: e.TILLKIT_TICK_MS,
      leaseMs: e.TILLKIT_LEADER_LEASE_MS,
      lockMs: e.TILLKIT_LOCK_TTL_MS,
    },
  };
  return {
    ...checkoutOptionsFromConfig(config, {
      store: shared?.store ?? createSqliteCheckoutStore({ path: e.TILLKIT_DB as string }),
      budget: shared?.budget ?? createTokenBucket({ requestsPerMinute: e.TILLKIT_REQUESTS_PER_MINUTE }),
    }),
    ...(e.TILLKIT_TICK_MS ? { polling: { fastIntervalMs: e.TILLKIT_TICK_MS } } : {}),
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
