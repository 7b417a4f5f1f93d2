import { buildReceipt, type FiscalClient, operationIdFor, type ReceiptCountry } from '@tillkit/fiscalization';
import { isTillKitError, TillKitError, toTillKitError } from '@tillkit/models';
import type { OrderService, ReceiptService, ReceiptState, ReceiptView } from '../services.ts';
import { toReceiptView } from './receipt-view.ts';

/** Where receipts are signed. */
export interface FiscalSettings {
  client: Pick<FiscalClient, 'sign'>;
  country: ReceiptCountry;
  cashBoxId: string;
  posSystemId?: string;
  terminalId?: string;
}

/** Options of {@link createFiscalReceipts}. */
export interface FiscalReceiptsOptions {
  fiscal: FiscalSettings;
  orders: OrderService;
  /** Printed on the receipt. */
  shopName: string;
  /** How long a request waits for a signing in progress before answering `pending`. @default 1500 */
  waitMs?: number;
  /** Told about each failed signing attempt (a retryable one is retried on the next call). */
  onSignError?: (error: TillKitError, orderId: string) => void;
  /**
   * The sale moment of a paid order. It is part of the signed body, so it must be the same in every process:
   * a restart that signs another moment under the same operation id gets a 409 from fiskaltrust, not the
   * stored receipt. @default the clock at this process's first attempt (stable only within the process)
   */
  momentOf?: (orderId: string) => Promise<Date | undefined>;
  clock?: () => Date;
}

/**
 * The ReceiptService over fiskaltrust: signs a paid order's receipt once, under the operation id derived
 * from the order (`operationIdFor(orderId, 'sign')`), so a retry, a second caller or a restart replays the
 * stored result instead of signing twice. While the fiscal service is down the receipt is `pending`; every
 * later call tries again under the same id.
 */
export function createFiscalReceipts(options: FiscalReceiptsOptions): ReceiptService {
  const signed = new Map<string, ReceiptView>();
  const inFlight = new Map<string, Promise<void>>();
  const failed = new Map<string, TillKitError>();
  // The sale moment is part of the signed body: fixed at the first attempt so retries send the same body.
  const moments = new Map<string, string>();
  const clock = options.clock ?? (() => new Date());
  const waitMs = options.waitMs ?? 1500;
  const { fiscal } = options;

  const attempt = async (orderId: string): Promise<void> => {
    const order = await options.orders.order(orderId);
    if (!order) throw new TillKitError('NOT_FOUND', `No order ${orderId}`);
    let moment = moments.get(orderId);
    if (!moment) {
      moment = ((await options.momentOf?.(orderId)) ?? clock()).toISOString();
      moments.set(orderId, moment);
    }
    const request = buildReceipt(
      {
        id: order.id,
        moment,
        currency: order.total.currency,
        lines: order.lines.map((l) => ({
          description: l.name,
          quantity: l.quantity,
          unitPrice: l.unitPrice.amount,
          vatRate: l.vatRate,
          productNumber: l.productId,
        })),
        payments: [{ method: 'online', amount: order.total.amount, description: 'Paysera scan-and-pay' }],
      },
      {
        country: fiscal.country,
        cashBoxId: fiscal.cashBoxId,
        ...(fiscal.posSystemId === undefined ? {} : { posSystemId: fiscal.posSystemId }),
        ...(fiscal.terminalId === undefined ? {} : { terminalId: fiscal.terminalId }),
      },
    );
    const result = await fiscal.client.sign(request, { operationId: operationIdFor(order.id, 'sign') });
    signed.set(orderId, toReceiptView(order, result.response, fiscal.country, options.shopName));
  };

  const start = (orderId: string): Promise<void> => {
    const running = attempt(orderId)
      .catch((error: unknown) => {
        const e = toTillKitError(error);
        options.onSignError?.(e, orderId);
        if (!(isTillKitError(error) && error.retryable)) failed.set(orderId, e);
      })
      .finally(() => inFlight.delete(orderId));
    inFlight.set(orderId, running);
    return running;
  };

  return {
    async receiptFor(orderId): Promise<ReceiptState> {
      const done = signed.get(orderId);
      if (done) return { state: 'signed', receipt: done };
      const error = failed.get(orderId);
      if (error) throw error;
      const running = inFlight.get(orderId) ?? start(orderId);
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([running, new Promise((resolve) => (timer = setTimeout(resolve, waitMs)))]);
      clearTimeout(timer);
      const now = signed.get(orderId);
      if (now) return { state: 'signed', receipt: now };
      const late = failed.get(orderId);
      if (late) throw late;
      return { state: 'pending' };
    },
  };
}
