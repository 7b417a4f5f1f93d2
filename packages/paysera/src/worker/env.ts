import { parseOrThrow } from '@tillkit/models';
import { z } from 'zod';

// The only file that reads process.env (house rule 5): parsed once, every issue reported by name.
const intFrom = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const WorkerEnv = z.object({
  PAYSERA_MAC_ID: z.string().min(1),
  PAYSERA_MAC_KEY: z.string().min(1),
  PAYSERA_WALLET_URL: z.url().default('https://wallet.paysera.com/rest/v1'),
  PAYSERA_PROJECT_ID: z.coerce.number().int().positive().optional(),
  REDIS_URL: z.string().min(1).default('redis://127.0.0.1:6379'),
  TILLKIT_PREFIX: z.string().min(1).default('tillkit:paysera:'),
  TILLKIT_REQUESTS_PER_MINUTE: intFrom(100),
  TILLKIT_TICK_MS: intFrom(400),
  TILLKIT_CHECKOUT_TTL_MS: intFrom(300_000),
  /** How long a dead worker's checkout lock blocks the others. Keep it above the HTTP timeout (10 s). */
  TILLKIT_LOCK_TTL_MS: intFrom(30_000),
});
export type WorkerEnv = z.infer<typeof WorkerEnv>;

/** Reads and validates the worker's environment; throws INVALID_CONFIG naming every bad variable (never echoing values). */
export function readWorkerEnv(source: Record<string, string | undefined> = process.env): WorkerEnv {
  return parseOrThrow(WorkerEnv, source, 'worker environment', 'INVALID_CONFIG');
}
