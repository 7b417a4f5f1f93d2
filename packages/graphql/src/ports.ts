// What the schema resolves against: `@tillkit/checkout`'s service and order-source port (their types are
// that package's own, imported, never redefined here), and one port of this package for the merchant's
// back-office reads. The GraphQL layer orchestrates nothing: it checks the caller, maps, and translates errors.
import type { AttemptStatus, CheckoutService, OrderSource } from '@tillkit/checkout';
import { unpaidEnds } from '@tillkit/checkout';
import type { Money } from '@tillkit/models';

/** Statuses in which the money is taken. */
export const paidStatuses: ReadonlySet<AttemptStatus> = new Set(['confirmed']);
/** Statuses after which the payment outcome does not change any more. */
export const terminalStatuses: ReadonlySet<AttemptStatus> = new Set([...unpaidEnds, 'confirmed']);

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

/** Filter of {@link MerchantReads.documents}. */
export interface DocumentQuery {
  type?: string | undefined;
  fiscalDayNumber?: number | undefined;
  /** At most this many documents. */
  limit: number;
}

/** Merchant back-office reads (the POS documents and fiscal days); only reachable with the merchant API key. */
export interface MerchantReads {
  documents(filter: DocumentQuery): Promise<DocumentView[]>;
  fiscalDay(id: string): Promise<FiscalDayView | undefined>;
}

/** Everything `makeSchema` resolves against. */
export interface TillKitGraphQLServices<Ctx = unknown> {
  /** The checkout service (`createCheckoutService` of `@tillkit/checkout`, or a host's). */
  checkout: CheckoutService;
  /** Prices the shopper's cart (the host's catalogue, cart or active order); gets the resolver's context. */
  orders: OrderSource<Ctx>;
  /** The merchant reads; without them `tillkitDocuments`/`tillkitFiscalDay` answer NOT_FOUND. */
  merchant?: MerchantReads;
}
