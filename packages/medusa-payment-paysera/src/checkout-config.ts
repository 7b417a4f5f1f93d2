// The provider's plain options as the checkout service's clients and settings (the service takes built
// clients). Only construction here: no engine logic.
import type { CheckoutServiceOptions, CheckoutStore, Logger } from '@tillkit/checkout';
import { createFiscalClient } from '@tillkit/fiscalization';
import { createPosClient, createWalletClient } from '@tillkit/paysera';
import type { ResolvedOptions } from './options.ts';

export function checkoutOptionsOf(
  o: ResolvedOptions,
  store: CheckoutStore,
  logger: Logger,
): CheckoutServiceOptions {
  const { paysera: p, fiskaltrust: f } = o;
  const settings: CheckoutServiceOptions = {
    store,
    logger,
    // The engine retries on its next round: the client must not retry on its own.
    wallet: createWalletClient({
      credentials: { macId: p.macId, macKey: p.macKey },
      projectId: p.projectId,
      retry: { limit: 0 },
      ...(p.walletUrl ? { baseUrl: p.walletUrl } : {}),
    }),
    locationId: p.locationId,
    projectId: p.projectId,
    fiscal: {
      client: createFiscalClient({
        cashBoxId: f.cashBoxId,
        accessToken: f.accessToken,
        ...(f.url ? { baseUrl: f.url } : {}),
      }),
      country: f.country,
      cashBoxId: f.cashBoxId,
      ...(f.posSystemId ? { posSystemId: f.posSystemId } : {}),
    },
    captureMode: o.captureMode,
  };
  if (p.pos) {
    const client = createPosClient({ token: p.pos.token, ...(p.pos.url ? { baseUrl: p.pos.url } : {}) });
    settings.pos = { client, sync: p.pos.sync };
  }
  const tuning = {
    shopName: o.shopName,
    checkoutTtlMs: o.checkoutTtlMs,
    refundWindowHours: o.refundWindowHours,
    tickIntervalMs: o.ticker?.intervalMs,
    idleIntervalMs: o.ticker?.idleMs,
    leaderLeaseMs: o.ticker?.leaseMs,
    lockTtlMs: o.ticker?.lockMs,
  };
  Object.assign(settings, Object.fromEntries(Object.entries(tuning).filter(([, v]) => v !== undefined)));
  return settings;
}
