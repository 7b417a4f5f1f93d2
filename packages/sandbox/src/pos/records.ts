import type { FinancialDocument, FiscalDay, Invoice, PosOrder } from '@tillkit/models';

// Store layout of the POS emulator. Every record carries the merchant that owns it, so a token of one
// merchant gets 403 on another merchant's cash register, order or invoice.

export const P = {
  tokens: 'pos.tokens',
  cashRegisters: 'pos.cashRegisters',
  documents: 'pos.documents',
  fiscalDays: 'pos.fiscalDays',
  orders: 'pos.orders',
  invoices: 'pos.invoices',
} as const;

/** Rate-limit tier of a personal access token. */
export type TokenTier = 'standard' | 'premium';

export interface TokenRecord {
  token: string;
  merchantId: string;
  tier: TokenTier;
}

export interface CashRegisterRecord {
  merchantId: string;
  number: string;
  currency: string;
  status: 'online' | 'offline';
  fiscalDayNumber: number;
  fiscalDayStarted: boolean;
  /** Balance in minor units. */
  balance: number;
  lastTransaction: string | null;
}

export interface DocumentRecord {
  merchantId: string;
  document: FinancialDocument;
}

export interface FiscalDayRecord {
  merchantId: string;
  fiscalDay: FiscalDay;
}

export interface OrderRecord {
  merchantId: string;
  order: PosOrder;
}

export interface InvoiceRecord {
  merchantId: string;
  invoice: Invoice;
}
