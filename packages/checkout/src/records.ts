import type { FiscalClient, ReceiptCountry } from '@tillkit/fiscalization';
import type { Money } from '@tillkit/models';
import type { Checkout, PosClient, ScanAndPayEngine, WalletPort } from '@tillkit/paysera';
import type { CheckoutStore } from './store/port.ts';
import type { CaptureMode, Logger, OrderSnapshot, Receipt, RefundStatus } from './types.ts';

// What the service keeps in its store, and the context its parts share. Internal: adapters see the views.

export interface AttemptRecord {
  id: string;
  orderRef: string;
  idempotencyKey?: string;
  amount: Money;
  captureMode: CaptureMode;
  description: string;
  order: OrderSnapshot;
  metadata: Record<string, string>;
  refundWindowHours: number;
  createdAt: number;
}

export type ReceiptKind = 'sale' | 'refund' | 'daily';

/** One receipt's record, written with its first job and updated by each run. */
export interface ReceiptRecord {
  kind: ReceiptKind;
  state: 'pending' | 'signed' | 'failed';
  /** Bumped by an operator retry: the operation id is derived from it. */
  generation: number;
  attemptId?: string;
  refundId?: string;
  day?: string;
  receipt?: Receipt;
  failure?: { code: string; message: string };
  /** Paysera POS ids of the sale, once recorded there (independent of the signing). */
  pos?: { orderId?: string; invoiceId?: string };
}

export interface RefundRecord {
  id: string;
  attemptId: string;
  idempotencyKey: string;
  amount: Money;
  reason?: string;
  status: RefundStatus;
  /** `cancel`: the whole payment returned; `finalize`: settled at a lower price, the rest returned. */
  method: 'cancel' | 'finalize';
  failure?: { code: string; message: string };
  createdAt: number;
}

export interface OrderIndex {
  attemptIds: string[];
}

export interface FiscalSettings {
  client: Pick<FiscalClient, 'sign'>;
  country: ReceiptCountry;
  cashBoxId: string;
  posSystemId?: string;
  terminalId?: string;
}

export interface PosSettings {
  client: PosClient;
  /** Record each paid order in the merchant's Paysera POS. @default true */
  sync: boolean;
}

/** What the service's parts share. */
export interface ServiceContext {
  store: CheckoutStore;
  engine: ScanAndPayEngine;
  wallet: WalletPort;
  fiscal: FiscalSettings;
  pos?: PosSettings;
  logger: Logger;
  clock: () => number;
  shopName: string;
  locationId: number;
  captureMode: CaptureMode;
  refundWindowHours: number;
}

export const receiptKey = (kind: ReceiptKind, id: string) => `${kind}:${id}`;
export const receiptJobKey = (kind: ReceiptKind, id: string, generation: number) =>
  `receipt:${kind}:${id}:g${generation}`;

export const isPaid = (c: Checkout) => c.status === 'confirmed' || c.status === 'spot_closed';
