// The only place the example reads the environment. A merchant sets these to their Paysera and
// fiskaltrust credentials; unset, they point at the local TillKit sandbox the example starts.
import path from 'node:path';
import type { Sandbox } from '@tillkit/sandbox';

export interface Credentials {
  walletUrl: string;
  macId: string;
  macKey: string;
  projectId: number;
  locationId: number;
  fiskaltrustUrl: string;
  cashBoxId: string;
  accessToken: string;
}

const env = process.env;

/** Vendure's port (0: any free one). */
export const port = Number(env['PORT'] ?? 3100);
/** The sandbox's port (0: any free one). */
export const sandboxPort = Number(env['SANDBOX_PORT'] ?? 4010);
/** Where both SQLite files live: `DATA_DIR`, or the example's `data/`. */
export const dataDir = env['DATA_DIR'] ?? path.join(import.meta.dirname, '..', 'data');

/** PAYSERA_* and FISKALTRUST_* from the environment, each falling back to the sandbox's seed. */
export function credentials(sandbox: Sandbox): Credentials {
  const { wallet: w, fiskaltrust: f } = sandbox.credentials;
  return {
    walletUrl: env['PAYSERA_WALLET_URL'] ?? sandbox.urls.wallet,
    macId: env['PAYSERA_MAC_ID'] ?? w.macId,
    macKey: env['PAYSERA_MAC_KEY'] ?? w.macKey,
    projectId: Number(env['PAYSERA_PROJECT_ID'] ?? w.projectId),
    locationId: Number(env['PAYSERA_LOCATION_ID'] ?? w.locationId),
    fiskaltrustUrl: env['FISKALTRUST_URL'] ?? sandbox.url,
    cashBoxId: env['FISKALTRUST_CASHBOX_ID'] ?? f.cashBoxId,
    accessToken: env['FISKALTRUST_ACCESS_TOKEN'] ?? f.accessToken,
  };
}
