import { DocumentFilter, PosPageQuery, toDecimalString } from '@tillkit/models';
import type { SandboxResponse } from '../contract.ts';
import type { PosCall } from './emulator.ts';
import { isResponse, posForbidden, posNotFound } from './errors.ts';
import { readFilter, within } from './filters.ts';
import { paginate } from './pagination.ts';
import { type CashRegisterRecord, type DocumentRecord, type FiscalDayRecord, P } from './records.ts';

function ownedRegister(call: PosCall, number: string): CashRegisterRecord | SandboxResponse {
  const register = call.ctx.store.get<CashRegisterRecord>(P.cashRegisters, number);
  if (register === undefined) return posNotFound('Cash register');
  if (register.merchantId !== call.merchantId) return posForbidden('cash register');
  return register;
}

/** `GET /cash-registers/{number}/status`. */
export function cashRegisterStatus(call: PosCall, number: string): SandboxResponse {
  const r = ownedRegister(call, number);
  if (isResponse(r)) return r;
  return {
    status: 200,
    body: {
      number: r.number,
      status: r.status,
      fiscalDayNumber: r.fiscalDayNumber,
      fiscalDayStarted: r.fiscalDayStarted,
      lastTransaction: r.lastTransaction,
      currentBalance: toDecimalString(r.balance, r.currency),
      currency: r.currency,
    },
  };
}

/** `GET /cash-registers/{number}/financial-documents?type=&fiscalDayNumber=&createdAtFrom=&createdAtTo=&page=&pageSize=`. */
export function listDocuments(call: PosCall, number: string): SandboxResponse {
  const r = ownedRegister(call, number);
  if (isResponse(r)) return r;
  const f = readFilter(call.req.query, DocumentFilter, {
    type: 'list',
    fiscalDayNumber: 'int',
    createdAtFrom: 'string',
    createdAtTo: 'string',
  });
  if (isResponse(f)) return f;
  const docs = call.ctx.store
    .list<DocumentRecord>(P.documents)
    .map((d) => d.document)
    .filter(
      (d) =>
        d.cashRegisterNumber === r.number &&
        (f.type === undefined || f.type.includes(d.type as never)) &&
        (f.fiscalDayNumber === undefined || d.fiscalDayNumber === f.fiscalDayNumber) &&
        within(d.createdAt, f.createdAtFrom, f.createdAtTo),
    );
  return { status: 200, body: paginate(call.req, docs, f) };
}

/** `GET /cash-registers/{number}/{receipt|return|collection}/{id}`: the document, if it is of that type. */
export function getDocument(call: PosCall, number: string, type: string, id: string): SandboxResponse {
  const r = ownedRegister(call, number);
  if (isResponse(r)) return r;
  const d = call.ctx.store.get<DocumentRecord>(P.documents, id)?.document;
  if (d === undefined || d.cashRegisterNumber !== r.number || d.type !== type) return posNotFound('Document');
  return { status: 200, body: d };
}

/** `GET /cash-registers/{number}/fiscal-days` (paged). */
export function listFiscalDays(call: PosCall, number: string): SandboxResponse {
  const r = ownedRegister(call, number);
  if (isResponse(r)) return r;
  const f = readFilter(call.req.query, PosPageQuery, {});
  if (isResponse(f)) return f;
  const days = call.ctx.store
    .list<FiscalDayRecord>(P.fiscalDays)
    .map((d) => d.fiscalDay)
    .filter((d) => d.cashRegisterNumber === r.number);
  return { status: 200, body: paginate(call.req, days, f) };
}

/** `GET /cash-registers/{number}/fiscal-day/{id}`. */
export function getFiscalDay(call: PosCall, number: string, id: string): SandboxResponse {
  const r = ownedRegister(call, number);
  if (isResponse(r)) return r;
  const d = call.ctx.store.get<FiscalDayRecord>(P.fiscalDays, id)?.fiscalDay;
  if (d === undefined || d.cashRegisterNumber !== r.number) return posNotFound('Fiscal day');
  return { status: 200, body: d };
}
