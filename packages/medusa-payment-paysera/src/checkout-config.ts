// The provider's plain options as the checkout service's clients and settings (the service takes built
// clients). Only construction here: no engine logic.
import type { CheckoutServiceOptions, CheckoutStore, Logger } from '@tillkit/checkout';
import { createFiscalClient } from '@tillkit/fiscalization';
import { createPosClient, createWalletClient } from '@tillkit/paysera';
import type { ResolvedOptions } from './options.ts';

/** The object without its undefined fields (exactOptionalPropertyTypes). */
const defined = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };

export function checkoutOptionsOf(
  o: ResolvedOptions,
  store: CheckoutStore,
  logger: Logger,
): CheckoutServiceOptions {
  const { paysera: p, fiskaltrust: f, ticker: t } = o;
  const credentials = { macId: p.macId, macKey: p.macKey };
  return {
    store,
    logger,
    // The engine retries on its next round: the client must not retry on its own.
    wallet: createWalletClient({
      credentials,
      projectId: p.projectId,
      retry: { limit: 0 },
      ...defined({ baseUrl: p.walletUrl }),
    }),
    locationId: p.locationId,
    projectId: p.projectId,
    fiscal: {
      client: createFiscalClient({
        cashBoxId: f.cashBoxId,
        accessToken: f.accessToken,
        ...defined({ baseUrl: f.url }),
      }),
      country: f.country,
      cashBoxId: f.cashBoxId,
      ...defined({ posSystemId: f.posSystemId }),
    },
    ...(p.pos
      ? {
          pos: {
            client: createPosClient({ token: p.pos.token, ...defined({ baseUrl: p.pos.url }) }),
            sync: p.pos.sync,
          },
        }
      : {}),
    captureMode: o.captureMode,
    ...defined({
      shopName: o.shopName,
      checkoutTtlMs: o.checkoutTtlMs,
      refundWindowHours: o.refundWindowHours,
      tickIntervalMs: t?.intervalMs,
      idleIntervalMs: t?.idleMs,
      leaderLeaseMs: t?.leaseMs,
      lockTtlMs: t?.lockMs,
    }),
  };
}
