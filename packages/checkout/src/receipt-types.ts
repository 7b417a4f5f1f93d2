// The receipt types: a fiskaltrust-signed receipt as every adapter sees it, and where it stands.
import type { Money } from '@tillkit/models';

/** One line of a signed receipt. */
export interface ReceiptLine {
  description: string;
  quantity: number;
  amount: Money;
  vatRate: number;
  vatAmount: Money;
}

/** VAT per rate. */
export interface VatBreakdown {
  rate: number;
  net: Money;
  vat: Money;
  gross: Money;
}

/** One fiscal signature (a QR payload, a hash, a text) as fiskaltrust returned it. */
export interface ReceiptSignature {
  caption: string | null;
  /** Null where fiskaltrust wrote none. */
  data: string | null;
  /** The fiskaltrust signature format and type codes, as hex (`0x4154000000000001`). */
  format: string;
  type: string;
}

/** A fiskaltrust-signed receipt (a sale or a refund). */
export interface Receipt {
  kind: 'sale' | 'refund';
  attemptId: string;
  orderRef: string;
  refundId?: string;
  /** ftReceiptIdentification: the fiscal receipt number. */
  receiptId: string;
  /** cbReceiptReference sent to fiskaltrust. */
  reference: string;
  queueItemId: string;
  cashBoxIdentification: string;
  country: string;
  signedAt: string;
  lines: ReceiptLine[];
  vat: VatBreakdown[];
  total: Money;
  signatures: ReceiptSignature[];
  /** A plain-text rendering for a printer or a `<pre>`. */
  printable: string;
  /** Paysera POS ids, once the sale is recorded in the merchant's POS. */
  pos?: { orderId?: string; invoiceId?: string };
}

/** Where a receipt stands, with the receipt once signed and the reason once failed. */
export type ReceiptState =
  | { state: 'none' }
  | { state: 'pending' }
  | { state: 'signed'; receipt: Receipt }
  | { state: 'failed'; failure: { code: string; message: string } };
