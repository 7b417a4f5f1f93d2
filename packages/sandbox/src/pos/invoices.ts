import { InvoiceFilter } from '@tillkit/models';
import type { SandboxResponse } from '../contract.ts';
import type { PosCall } from './emulator.ts';
import { isResponse, posForbidden, posNotFound } from './errors.ts';
import { readFilter, within } from './filters.ts';
import { paginate } from './pagination.ts';
import { type InvoiceRecord, P } from './records.ts';

/** `GET /invoices?numbers=&prefix=&fullNumbers=&createdAtFrom/To=&updatedAtFrom/To=&page=&pageSize=`. */
export function listInvoices(call: PosCall): SandboxResponse {
  const f = readFilter(call.req.query, InvoiceFilter, {
    numbers: 'list',
    prefix: 'list',
    fullNumbers: 'list',
    createdAtFrom: 'string',
    createdAtTo: 'string',
    updatedAtFrom: 'string',
    updatedAtTo: 'string',
  });
  if (isResponse(f)) return f;
  const invoices = call.ctx.store
    .list<InvoiceRecord>(P.invoices)
    .filter((r) => r.merchantId === call.merchantId)
    .map((r) => r.invoice)
    .filter(
      (i) =>
        (f.numbers === undefined || f.numbers.includes(i.number)) &&
        (f.prefix === undefined || f.prefix.includes(i.prefix)) &&
        (f.fullNumbers === undefined || f.fullNumbers.includes(i.fullNumber)) &&
        within(i.createdAt, f.createdAtFrom, f.createdAtTo) &&
        within(i.updatedAt, f.updatedAtFrom, f.updatedAtTo),
    );
  return { status: 200, body: paginate(call.req, invoices, f) };
}

/** `GET /invoices/{uuid}`. */
export function getInvoice(call: PosCall, uuid: string): SandboxResponse {
  const r = call.ctx.store.get<InvoiceRecord>(P.invoices, uuid);
  if (r === undefined) return posNotFound('Invoice');
  if (r.merchantId !== call.merchantId) return posForbidden('invoice');
  return { status: 200, body: r.invoice };
}
