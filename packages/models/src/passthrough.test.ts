import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import * as valid from '../test/fixtures/valid.ts';
import {
  ActionJournalEntry,
  EchoMessage,
  OperationItem,
  PairResponse,
  ProblemDetails,
  ReceiptJournalEntry,
  SeedErrorBody,
} from './fiskaltrust/api.ts';
import { ReceiptResponse } from './fiskaltrust/receipt.ts';
import { parseOrThrow } from './parse.ts';
import {
  CashRegisterStatus,
  FinancialDocument,
  FiscalDay,
  Invoice,
  PosErrorBody,
  PosOrder,
  posPage,
} from './paysera/pos.ts';
import {
  Location,
  LocationList,
  ServerTime,
  Spot,
  SpotList,
  Transaction,
  TransactionList,
  WalletErrorBody,
} from './paysera/wallet.ts';

// A newer API version adds fields; a client that drops them loses data it never saw, and the sandbox
// would echo less than it stored. Response schemas therefore keep unknown fields, at every depth.
const extra = { addedLater: { nested: [1, 'two', null] }, flag: true };

/** Response schema, its valid fixture, and dotted paths of nested objects that must keep extras too. */
const responses: Array<[string, z.ZodType, Record<string, unknown>, string[]]> = [
  ['CashRegisterStatus', CashRegisterStatus, valid.cashRegisterStatus, []],
  ['PosOrder', PosOrder, valid.posOrder, ['orderPositions.0', 'orderPositions.0.unitPrice', 'payments.0']],
  ['Invoice', Invoice, valid.invoice, []],
  ['FinancialDocument', FinancialDocument, valid.financialDocument, ['lineItems.0']],
  ['FiscalDay', FiscalDay, valid.fiscalDay, []],
  ['PosOrderPage', posPage(PosOrder), valid.posOrderPage, ['links', 'data.0']],
  ['PosErrorBody', PosErrorBody, valid.posErrorBody, []],
  ['Transaction', Transaction, valid.transaction, ['payments.0', 'reserve']],
  ['Spot', Spot, valid.spot, ['place_info', 'orders.0', 'orders.0.transaction']],
  ['Location', Location, valid.location, ['spots.0']],
  ['SpotList', SpotList, valid.spotList, ['_metadata', 'spots.0']],
  ['TransactionList', TransactionList, valid.transactionList, ['_metadata']],
  ['LocationList', LocationList, valid.locationList, ['locations.0']],
  ['ServerTime', ServerTime, valid.serverTime, []],
  ['WalletErrorBody', WalletErrorBody, valid.walletErrorBody, []],
  ['ReceiptResponse', ReceiptResponse, valid.receiptResponse, ['ftSignatures.0']],
  ['EchoMessage', EchoMessage, valid.echoMessage, []],
  ['ReceiptJournalEntry', ReceiptJournalEntry, valid.receiptJournalEntry, []],
  ['ActionJournalEntry', ActionJournalEntry, valid.actionJournalEntry, []],
  ['OperationItem', OperationItem, valid.operationItem, []],
  ['PairResponse', PairResponse, valid.pairResponse, []],
  ['ProblemDetails', ProblemDetails, valid.problemDetails, []],
  ['SeedErrorBody', SeedErrorBody, valid.seedErrorBody, ['details']],
];

function at(root: unknown, path: string): Record<string, unknown> {
  let node = root;
  for (const key of path.split('.').filter(Boolean)) node = (node as Record<string, unknown>)[key];
  return node as Record<string, unknown>;
}

function withExtras(base: Record<string, unknown>, nested: string[]): Record<string, unknown> {
  const copy = structuredClone(base);
  for (const path of ['', ...nested]) Object.assign(at(copy, path), structuredClone(extra));
  return copy;
}

describe('response schemas pass unknown fields through', () => {
  it.each(responses)(
    '%s keeps unknown fields at the top and in nested objects',
    (name, schema, base, nested) => {
      const parsed = parseOrThrow(schema, withExtras(base, nested), name, 'INVALID_RESPONSE');
      for (const path of ['', ...nested]) expect(at(parsed, path), `at "${path}"`).toMatchObject(extra);
    },
  );

  it('keeps unknown fields of a page that arrives with items instead of data', () => {
    const { data, ...rest } = valid.posOrderPage;
    const parsed = parseOrThrow(posPage(PosOrder), { ...rest, items: data, cursor: 'c1' }, 'page');
    expect(parsed).toMatchObject({ cursor: 'c1', data: [{ id: 'ord_1' }] });
  });

  it('keeps an open-enum status it does not know yet instead of rejecting the object', () => {
    expect(parseOrThrow(Spot, { ...valid.spot, status: 'reserved_for_vip' }, 'spot').status).toBe(
      'reserved_for_vip',
    );
    expect(
      parseOrThrow(Transaction, { ...valid.transaction, status: 'chargeback' }, 'transaction').status,
    ).toBe('chargeback');
  });
});
