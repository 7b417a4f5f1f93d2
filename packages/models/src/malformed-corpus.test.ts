import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { breakField, malformedCases } from '../test/fixtures/malformed.ts';
import * as valid from '../test/fixtures/valid.ts';
import { isTillKitError } from './errors.ts';
import {
  ActionJournalEntry,
  EchoMessage,
  JournalRequest,
  OperationItem,
  PairRequest,
  PairResponse,
  ProblemDetails,
  ReceiptJournalEntry,
  SeedErrorBody,
  SignCallbackPayload,
} from './fiskaltrust/api.ts';
import { ReceiptRequest, ReceiptResponse } from './fiskaltrust/receipt.ts';
import { Money } from './money.ts';
import { parseOrThrow } from './parse.ts';
import {
  CashRegisterStatus,
  CreateOrderInput,
  DocumentFilter,
  FinancialDocument,
  FiscalDay,
  Invoice,
  InvoiceFilter,
  OrderFilter,
  PosErrorBody,
  PosOrder,
  posPage,
  UpdateOrderInput,
} from './paysera/pos.ts';
import {
  CreateSpotOrderInput,
  CreateTransactionInput,
  Location,
  LocationList,
  ServerTime,
  Spot,
  SpotList,
  Transaction,
  TransactionList,
  WalletErrorBody,
} from './paysera/wallet.ts';

const schemas: Record<string, z.ZodType> = {
  CashRegisterStatus,
  CreateOrderInput,
  UpdateOrderInput,
  PosOrder,
  Invoice,
  FinancialDocument,
  FiscalDay,
  PosOrderPage: posPage(PosOrder),
  PosErrorBody,
  OrderFilter,
  InvoiceFilter,
  DocumentFilter,
  Transaction,
  Spot,
  Location,
  SpotList,
  TransactionList,
  LocationList,
  ServerTime,
  CreateTransactionInput,
  CreateSpotOrderInput,
  WalletErrorBody,
  ReceiptRequest,
  ReceiptResponse,
  EchoMessage,
  JournalRequest,
  ReceiptJournalEntry,
  ActionJournalEntry,
  OperationItem,
  PairRequest,
  PairResponse,
  ProblemDetails,
  SeedErrorBody,
  SignCallbackPayload,
  Money,
};

const bases: Array<[string, unknown]> = [
  ['CashRegisterStatus', valid.cashRegisterStatus],
  ['CreateOrderInput', valid.createOrderInput],
  ['PosOrder', valid.posOrder],
  ['Invoice', valid.invoice],
  ['FinancialDocument', valid.financialDocument],
  ['FiscalDay', valid.fiscalDay],
  ['PosOrderPage', valid.posOrderPage],
  ['PosErrorBody', valid.posErrorBody],
  ['OrderFilter', valid.orderFilter],
  ['InvoiceFilter', valid.invoiceFilter],
  ['DocumentFilter', valid.documentFilter],
  ['Transaction', valid.transaction],
  ['Spot', valid.spot],
  ['Location', valid.location],
  ['SpotList', valid.spotList],
  ['TransactionList', valid.transactionList],
  ['LocationList', valid.locationList],
  ['ServerTime', valid.serverTime],
  ['CreateTransactionInput', valid.createTransactionInput],
  ['CreateSpotOrderInput', valid.createSpotOrderInput],
  ['WalletErrorBody', valid.walletErrorBody],
  ['ReceiptRequest', valid.receiptRequest],
  ['ReceiptResponse', valid.receiptResponse],
  ['EchoMessage', valid.echoMessage],
  ['JournalRequest', valid.journalRequest],
  ['ReceiptJournalEntry', valid.receiptJournalEntry],
  ['ActionJournalEntry', valid.actionJournalEntry],
  ['OperationItem', valid.operationItem],
  ['PairRequest', valid.pairRequest],
  ['PairResponse', valid.pairResponse],
  ['ProblemDetails', valid.problemDetails],
  ['SeedErrorBody', valid.seedErrorBody],
  ['SignCallbackPayload', valid.signCallbackPayload],
  ['Money', valid.money],
];

function schemaNamed(name: string): z.ZodType {
  const schema = schemas[name];
  if (!schema) throw new Error(`no schema ${name} in the table`);
  return schema;
}

/** The TillKitError parseOrThrow raises for `data`, or a failure when it accepts it. */
function rejection(name: string, data: unknown) {
  try {
    parseOrThrow(schemaNamed(name), data, name);
  } catch (e) {
    if (isTillKitError(e)) return e;
    throw e;
  }
  return expect.unreachable(`${name} accepted malformed data`);
}

describe('wire schema fixtures', () => {
  it.each(bases)(
    'accepts the valid %s fixture (so each malformed case breaks exactly one thing)',
    (name, data) => {
      expect(() => parseOrThrow(schemaNamed(name), data, name)).not.toThrow();
    },
  );
});

describe('malformed corpus', () => {
  it('has at least 50 cases across at least 30 schemas', () => {
    expect(malformedCases.length).toBeGreaterThanOrEqual(50);
    expect(new Set(malformedCases.map((c) => c.schema)).size).toBeGreaterThanOrEqual(30);
  });

  it.each(malformedCases)('$schema rejects $why, naming $at', ({ schema, base, at, value }) => {
    const error = rejection(schema, breakField(base, at, value));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.status).toBe(400);
    // Every issue names the broken field (a field can fail two rules, e.g. shape and ISO 4217), no other.
    expect(new Set(error.issues.map((i) => i.path))).toEqual(new Set([at]));
    expect(error.message).toContain(`${at}: `);
  });

  it.each([
    ['ReceiptResponse', null],
    ['Transaction', 'pDAlAZ3z'],
    ['PosOrderPage', []],
    ['SignCallbackPayload', 42],
  ])('%s rejects a body that is not an object (%j), naming the root', (schema, data) => {
    const error = rejection(schema, data);
    expect(error.issues.map((i) => i.path)).toEqual(['']);
    expect(error.message).toContain('(root): ');
  });

  it('reports every broken field at once, not only the first', () => {
    const twice = breakField(breakField(valid.transaction, 'created_at', -1), 'payments.0.currency', 'eur');
    const paths = rejection('Transaction', twice).issues.map((i) => i.path);
    expect(new Set(paths)).toEqual(new Set(['created_at', 'payments.0.currency']));
  });

  it('uses the code the caller asks for when parsing what an upstream sent', () => {
    try {
      parseOrThrow(Spot, breakField(valid.spot, 'id', 'x'), 'spot', 'INVALID_RESPONSE');
      expect.unreachable();
    } catch (e) {
      expect(isTillKitError(e) && [e.code, e.status]).toEqual(['INVALID_RESPONSE', 502]);
    }
  });

  it('names the field inside a page that uses items instead of data', () => {
    const { data, ...rest } = valid.posOrderPage;
    const error = rejection('PosOrderPage', { ...rest, items: [{ ...data[0], status: '' }] });
    expect(error.issues.map((i) => i.path)).toEqual(['data.0.status']);
  });
});

describe('request schemas are strict', () => {
  it('names an unknown key (a typo) instead of silently dropping it', async () => {
    const { CreateTransactionInput, parseOrThrow } = await import('./index.ts');
    const body = { payments: [{ description: 'Table 1', price: 2599, currency: 'EUR' }], reserveFor: 60 };
    expect(() => parseOrThrow(CreateTransactionInput, body, 'transaction')).toThrow(/reserveFor/);
  });
});
