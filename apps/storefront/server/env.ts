// The only place the demo reads the environment.
import { randomBytes } from 'node:crypto';

/** The merchant API key for `documents`/`fiscalDay`: `TILLKIT_MERCHANT_API_KEY`, or a fresh random one per run. */
export const merchantApiKey: string =
  process.env['TILLKIT_MERCHANT_API_KEY'] ?? randomBytes(24).toString('base64url');
