// The checkout service as the demo wires it, shared by the demo server and the separate worker
// (`server/worker.ts`): the same SQLite file, the same sandbox, so either process can drive the rounds.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  type CheckoutService,
  type CheckoutStore,
  createCheckoutService,
  type Logger,
} from '@tillkit/checkout';
import { createSqliteCheckoutStore } from '@tillkit/checkout/sqlite';
import { createFiscalClient } from '@tillkit/fiscalization';
import { createPosClient, createWalletClient, type PosClient } from '@tillkit/paysera';
import type { SandboxCredentials } from '@tillkit/sandbox';

/** Where the sandbox answers and with which credentials. */
export interface SandboxAccess {
  url: string;
  credentials: SandboxCredentials;
}

/** The sandbox's API roots (the layout `startSandbox` reports in `urls`). */
export const sandboxUrls = (url: string) => ({
  wallet: `${url}/rest/v1`,
  pos: `${url}/eapi/v1`,
  simulator: `${url}/simulator`,
});

export interface DemoService {
  service: CheckoutService;
  store: CheckoutStore;
  pos: PosClient;
  close(): Promise<void>;
}

export const SHOP_NAME = 'TillKit Coffee';

/** The service over the demo's SQLite file in `dataDir`, against the sandbox. */
export function createDemoService(sandbox: SandboxAccess, dataDir: string, logger: Logger): DemoService {
  mkdirSync(dataDir, { recursive: true });
  const store = createSqliteCheckoutStore({ path: join(dataDir, 'checkout.sqlite') });
  const { wallet: w, fiskaltrust: f, pos: p } = sandbox.credentials;
  const urls = sandboxUrls(sandbox.url);
  const pos = createPosClient({ token: p.token, baseUrl: urls.pos });
  const service = createCheckoutService({
    store,
    // No transport retries: the engine retries on its own rounds, under its request budget.
    wallet: createWalletClient({
      credentials: { macId: w.macId, macKey: w.macKey },
      baseUrl: urls.wallet,
      projectId: w.projectId,
      retry: { limit: 0 },
    }),
    locationId: w.locationId,
    projectId: w.projectId,
    fiscal: {
      client: createFiscalClient({
        baseUrl: sandbox.url,
        cashBoxId: f.cashBoxId,
        accessToken: f.accessToken,
        posSystemId: f.posSystemId,
        // A down fiscal service leaves the receipt pending; the job runner retries it, not the transport.
        retry: { limit: 0 },
      }),
      country: 'AT',
      cashBoxId: f.cashBoxId,
      posSystemId: f.posSystemId,
    },
    // A demo shopper should not wait for an idle back-off; the budget stays the production default.
    polling: { fastIntervalMs: 300, idleIntervalMs: 500, maxIdleIntervalMs: 1000 },
    // Short leases: after a kill -9 (the demo is meant to survive one) the next process takes over in
    // seconds, not the production defaults' 15-60 s. A minute of fiscal outage before a receipt fails.
    jobs: { baseDelayMs: 300, maxDelayMs: 1000, maxAttempts: 60, leaseMs: 5000 },
    leaderLeaseMs: 3000,
    lockTtlMs: 5000,
    shopName: SHOP_NAME,
    logger,
  });
  return {
    service,
    store,
    pos,
    close: async () => {
      await service.stop();
      await store.close?.();
    },
  };
}
