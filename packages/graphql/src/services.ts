// The ports the schema resolves against. The GraphQL layer knows no platform and no API client: Medusa,
// Vendure, the standalone server and tests each provide these four interfaces. It takes one thing from
// the engine, its list of checkout states, so the contract cannot drift from what the engine reports. Every
// method may throw a TillKitError; its code is mapped to a GraphQL error code once, at the schema edge.
import type { Money } from '@tillkit/models';
// The engine owns the list of states; the contract only adds `cancelled`, so a new engine state cannot drift.
import { CheckoutStatus as EngineCheckoutStatus } from '@tillkit/paysera';

/** The scan-and-pay states, as the engine reports them (plus `cancelled`, when the shop gave up). */
export const CheckoutStatus = [...EngineCheckoutStatus, 'cancelled'] as const;
export type CheckoutStatus = (typeof CheckoutStatus)[number];

/** Statuses after which nothing changes any more. */
export const terminalStatuses: ReadonlySet<CheckoutStatus> = new Set([
  'spot_closed',
  'expired',
  'rejected',
  'failed',
  'cancelled',
]);
/** Statuses in which the money is taken. */
export const paidStatuses: ReadonlySet<CheckoutStatus> = new Set(['confirmed', 'spot_closed']);

/** One catalogue product the shop sells. */
export interface ProductView {
  id: string;
  name: string;
  description: string;
  /** Gross unit price (VAT included). */
  price: Money;
  /** VAT rate in percent, e.g. 21. */
  vatRate: number;
}

/** One line of a cart as the shopper sends it: prices are never taken from the client. */
export interface CartLine {
  productId: string;
  quantity: number;
}

/** One priced order line. */
export interface OrderLineView {
  productId: string;
  name: string;
  quantity: number;
  unitPrice: Money;
  /** quantity × unitPrice, VAT included. */
  total: Money;
  vatRate: number;
}

/** An order priced by the server from a cart. */
export interface OrderView {
  id: string;
  lines: OrderLineView[];
  total: Money;
}

/** A checkout as the engine sees it. */
export interface CheckoutView {
  id: string;
  orderId: string;
  status: CheckoutStatus;
  amount: Money;
  description: string;
  /** The text the QR code encodes (what the wallet app scans). */
  qrPayload: string;
  /** Human-readable spot code, when the engine has one. */
  spotCode?: string | undefined;
  createdAt: string;
  updatedAt: string;
  /** Why a checkout ended in `failed`; a safe message, never an upstream secret. */
  failureReason?: string | undefined;
}

/** Input of {@link CheckoutService.start}. */
export interface StartCheckoutInput {
  order: OrderView;
  description: string;
}

/** Starts, observes and cancels scan-and-pay checkouts. */
export interface CheckoutService {
  start(input: StartCheckoutInput): Promise<CheckoutView>;
  /** The checkout, or `undefined` when no checkout has this id. */
  status(checkoutId: string): Promise<CheckoutView | undefined>;
  /** Cancels a checkout that is not paid yet; throws INVALID_STATE once it is paid. */
  cancel(checkoutId: string): Promise<CheckoutView>;
}

/** Prices carts into orders from the shop's catalogue. */
export interface OrderService {
  products(): Promise<ProductView[]>;
  /** Throws VALIDATION_FAILED (with the line's path) for an unknown product or a bad quantity. */
  placeOrder(lines: CartLine[]): Promise<OrderView>;
  order(orderId: string): Promise<OrderView | undefined>;
}

/** One line of a signed receipt. */
export interface ReceiptLineView {
  description: string;
  quantity: number;
  amount: Money;
  vatRate: number;
  vatAmount: Money;
}

/** VAT per rate. */
export interface VatBreakdownView {
  rate: number;
  net: Money;
  vat: Money;
  gross: Money;
}

/** One fiscal signature (a QR payload, a hash, a text) as the fiscal service returned it. */
export interface SignatureView {
  caption: string | null;
  data: string;
  /** The fiskaltrust signature format and type codes, as hex (`0x4154000000000001`). */
  format: string;
  type: string;
}

/** The fiskaltrust-signed receipt of a paid order. */
export interface ReceiptView {
  orderId: string;
  /** ftReceiptIdentification: the fiscal receipt number. */
  receiptId: string;
  queueItemId: string;
  cashBoxIdentification: string;
  country: string;
  signedAt: string;
  lines: ReceiptLineView[];
  vat: VatBreakdownView[];
  total: Money;
  signatures: SignatureView[];
  /** A plain-text rendering for a printer or a `<pre>`. */
  printable: string;
}

/** Where the receipt of a paid order stands: `pending` while the fiscal service has not signed yet. */
export type ReceiptState =
  | { state: 'pending' }
  | { state: 'signed'; receipt: ReceiptView }
  | { state: 'not_paid' };

/** Signed receipts of paid orders. */
export interface ReceiptService {
  /** Signs on first call if needed (idempotent); `pending` while the fiscal service is unavailable. */
  receiptFor(orderId: string): Promise<ReceiptState>;
}

/** A Paysera POS financial document (receipt, return, collection). */
export interface DocumentView {
  id: string;
  type: string;
  number: string;
  total: Money;
  fiscalDayNumber: number;
  createdAt: string;
}

/** A Paysera POS fiscal day. */
export interface FiscalDayView {
  id: string;
  number: number;
  status: string;
  startedAt: string;
  closedAt: string | null;
  totalSales: Money;
  totalReturns: Money;
  receiptCount: number;
}

/** Filter of {@link MerchantService.documents}. */
export interface DocumentQuery {
  type?: string | undefined;
  fiscalDayNumber?: number | undefined;
  /** At most this many documents. */
  limit: number;
}

/** Merchant back-office reads; only reachable with the merchant API key. */
export interface MerchantService {
  documents(filter: DocumentQuery): Promise<DocumentView[]>;
  fiscalDay(id: string): Promise<FiscalDayView | undefined>;
}

/** Everything `makeSchema` resolves against. */
export interface TillKitServices {
  orders: OrderService;
  checkouts: CheckoutService;
  receipts: ReceiptService;
  merchant: MerchantService;
}
