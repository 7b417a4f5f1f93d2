import {
  type FinancialDocument,
  type FinancialDocumentType,
  fromDecimal,
  type PosOrder,
  toDecimalString,
} from '@tillkit/models';
import type { EmulatorContext } from './contract.ts';
import {
  type CashRegisterRecord,
  type DocumentRecord,
  type FiscalDayRecord,
  type InvoiceRecord,
  type OrderRecord,
  P,
  type TokenRecord,
} from './pos/records.ts';
import { randomUuid } from './shared/ids.ts';

/** How much POS data the seed creates. */
export interface PosSeedSpec {
  token?: string;
  otherMerchantToken?: string;
  premiumToken?: string;
  /** Financial documents on the demo cash register. @default 25 */
  documents?: number;
  /** Orders of the demo merchant. @default 3 */
  orders?: number;
  /** Invoices of the demo merchant. @default 12 */
  invoices?: number;
}

export const DEMO_MERCHANT = 'merchant-demo';
export const OTHER_MERCHANT = 'merchant-other';
export const DEMO_CASH_REGISTER = 'REG-001';
export const OTHER_CASH_REGISTER = 'REG-900';

const types: FinancialDocumentType[] = ['receipt', 'receipt', 'receipt', 'return', 'collection'];

/** Seeds two merchants, their tokens, a cash register each, fiscal days, documents, orders and invoices. */
export function seedPos(
  ctx: EmulatorContext,
  spec: PosSeedSpec,
  tokens: { token: string; otherMerchantToken: string; premiumToken: string },
): void {
  const { store } = ctx;
  const now = ctx.now().getTime();
  const iso = (msAgo: number) => new Date(now - msAgo).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const put = (t: TokenRecord) => store.put(P.tokens, t.token, t);
  put({ token: tokens.token, merchantId: DEMO_MERCHANT, tier: 'standard' });
  put({ token: tokens.premiumToken, merchantId: DEMO_MERCHANT, tier: 'premium' });
  put({ token: tokens.otherMerchantToken, merchantId: OTHER_MERCHANT, tier: 'standard' });

  const documents = spec.documents ?? 25;
  let balance = 0;
  const day = 3_600_000 * 24;
  for (let i = 1; i <= documents; i++) {
    const type = types[i % types.length] as FinancialDocumentType;
    const fiscalDayNumber = i <= documents / 2 ? 1 : 2;
    const cents = 500 + ((i * 137) % 4000);
    balance += type === 'receipt' ? cents : -cents;
    const document: FinancialDocument = {
      id: `doc-${String(i).padStart(4, '0')}`,
      type,
      number: `${type.slice(0, 1).toUpperCase()}${String(i).padStart(6, '0')}`,
      cashRegisterNumber: DEMO_CASH_REGISTER,
      amount: toDecimalString(cents, 'EUR'),
      currency: 'EUR',
      fiscalDayNumber,
      status: 'completed',
      createdAt: iso((documents - i + 1) * (day / documents) * 2),
    };
    if (type === 'collection') document.collectedBy = 'Cashier 1';
    else
      document.lineItems = [
        {
          description: 'Espresso',
          quantity: 1,
          unitPrice: document.amount,
          totalPrice: document.amount,
          vatRate: 21,
        },
      ];
    store.put<DocumentRecord>(P.documents, document.id, { merchantId: DEMO_MERCHANT, document });
  }
  for (const n of [1, 2]) {
    const docs = store.list<DocumentRecord>(P.documents).filter((d) => d.document.fiscalDayNumber === n);
    const sum = (t: string) =>
      docs
        .filter((d) => d.document.type === t)
        .reduce((a, d) => a + fromDecimal(d.document.amount, d.document.currency), 0);
    const record: FiscalDayRecord = {
      merchantId: DEMO_MERCHANT,
      fiscalDay: {
        id: `fd-${n}`,
        number: n,
        cashRegisterNumber: DEMO_CASH_REGISTER,
        startedAt: iso((3 - n) * day),
        closedAt: n === 1 ? iso(day + 60_000) : null,
        status: n === 1 ? 'closed' : 'open',
        totalSales: toDecimalString(sum('receipt'), 'EUR'),
        totalReturns: toDecimalString(sum('return'), 'EUR'),
        totalCollections: toDecimalString(sum('collection'), 'EUR'),
        currency: 'EUR',
        transactionCount: docs.length,
        receiptCount: docs.filter((d) => d.document.type === 'receipt').length,
        returnCount: docs.filter((d) => d.document.type === 'return').length,
      },
    };
    store.put(P.fiscalDays, record.fiscalDay.id, record);
  }
  const register = (merchantId: string, number: string, bal: number): CashRegisterRecord => ({
    merchantId,
    number,
    currency: 'EUR',
    status: 'online',
    fiscalDayNumber: 2,
    fiscalDayStarted: true,
    balance: bal,
    lastTransaction: iso(60_000),
  });
  store.put(P.cashRegisters, DEMO_CASH_REGISTER, register(DEMO_MERCHANT, DEMO_CASH_REGISTER, balance));
  store.put(P.cashRegisters, OTHER_CASH_REGISTER, register(OTHER_MERCHANT, OTHER_CASH_REGISTER, 0));

  const order = (merchantId: string, n: number): OrderRecord => {
    const o: PosOrder = {
      id: randomUuid(),
      number: `${merchantId === DEMO_MERCHANT ? 'DEMO' : 'OTHER'}-${String(n).padStart(4, '0')}`,
      status: 'pending',
      currency: 'EUR',
      totalAmount: '25.00',
      orderPositions: [
        { name: 'Demo product', quantity: 2, price: '12.50', totalPrice: '25.00', vatRate: 21 },
      ],
      createdAt: iso((10 - n) * 60_000),
      updatedAt: iso((10 - n) * 60_000),
    };
    return { merchantId, order: o };
  };
  for (let n = 1; n <= (spec.orders ?? 3); n++) {
    const r = order(DEMO_MERCHANT, n);
    store.put(P.orders, r.order.id, r);
  }
  const other = order(OTHER_MERCHANT, 1);
  store.put(P.orders, other.order.id, other);

  for (let n = 1; n <= (spec.invoices ?? 12); n++) {
    const prefix = n % 3 === 0 ? 'PRO' : 'INV';
    const number = String(n).padStart(5, '0');
    const r: InvoiceRecord = {
      merchantId: DEMO_MERCHANT,
      invoice: {
        uuid: randomUuid(),
        number,
        prefix,
        fullNumber: `${prefix}${number}`,
        totalAmount: toDecimalString(1000 * n, 'EUR'),
        currency: 'EUR',
        status: n % 4 === 0 ? 'unpaid' : 'paid',
        createdAt: iso((20 - n) * 3_600_000),
        updatedAt: iso((20 - n) * 3_600_000),
      },
    };
    store.put(P.invoices, r.invoice.uuid, r);
  }
}
