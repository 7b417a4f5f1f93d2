import type { TillKitError } from '@tillkit/models';
import type { PosClient, ScanAndPayEngine } from '@tillkit/paysera';
import { createInMemoryOrders } from '../in-memory-orders.ts';
import type { OrderService, ProductView, TillKitServices } from '../services.ts';
import { paidStatuses } from '../services.ts';
import { createEngineCheckouts } from './checkouts.ts';
import { createPosMerchant } from './merchant.ts';
import { createFiscalReceipts, type FiscalSettings } from './receipts.ts';

/** Configuration of {@link createTillKitServices}. */
export interface TillKitServicesConfig {
  /** The scan-and-pay engine (running its own poller, or ticked by a worker). */
  engine: ScanAndPayEngine;
  /** The Paysera location whose spots shoppers scan. */
  locationId: number;
  /** Products the shop sells (the standalone server's catalogue), or an OrderService of the host. */
  catalogue: readonly ProductView[] | OrderService;
  fiscal: FiscalSettings;
  pos: { client: PosClient; cashRegisterNumber: string };
  /** Printed on receipts. @default 'TillKit shop' */
  shopName?: string;
  /** Told about every failed signing attempt (retryable ones are retried). */
  onSignError?: (error: TillKitError, orderId: string) => void;
}

/** The services plus a stop function for the background hooks they install. */
export interface EngineServices extends TillKitServices {
  /** Detaches from the engine's status events. */
  dispose(): void;
}

/**
 * Wires the real engines into the ports `makeSchema` needs: the scan-and-pay engine as CheckoutService,
 * fiskaltrust as ReceiptService (signing as soon as the engine reports a payment, again on each poll while
 * pending), the POS External API as MerchantService.
 */
export function createTillKitServices(config: TillKitServicesConfig): EngineServices {
  const orders = Array.isArray(config.catalogue)
    ? createInMemoryOrders(config.catalogue as readonly ProductView[])
    : (config.catalogue as OrderService);
  const receipts = createFiscalReceipts({
    fiscal: config.fiscal,
    orders,
    shopName: config.shopName ?? 'TillKit shop',
    // The engine's record outlives this process: when the confirm was sent (or the checkout started, if the
    // payment was seen confirmed without our confirm), so a restarted process signs the same body.
    momentOf: async (orderId) => {
      const c = await config.engine.getCheckout(orderId);
      return c && new Date(c.confirmRequestedAt ?? c.createdAt);
    },
    ...(config.onSignError === undefined ? {} : { onSignError: config.onSignError }),
  });
  const unsubscribe = config.engine.onStatus((event) => {
    // Sign as soon as the money is taken, without waiting for the shopper's next poll.
    if (paidStatuses.has(event.status)) receipts.receiptFor(event.orderId).catch(() => {});
  });
  return {
    orders,
    checkouts: createEngineCheckouts(config.engine, config.locationId),
    receipts,
    merchant: createPosMerchant(config.pos.client, config.pos.cashRegisterNumber),
    dispose: unsubscribe,
  };
}

export { createEngineCheckouts } from './checkouts.ts';
export { createPosMerchant } from './merchant.ts';
export { createFiscalReceipts, type FiscalReceiptsOptions, type FiscalSettings } from './receipts.ts';
