import type { DocumentView, FiscalDayView, MerchantReads } from '@tillkit/graphql';
import {
  type FinancialDocument,
  FinancialDocumentType,
  type FiscalDay,
  fromDecimal,
  isTillKitError,
  money,
  TillKitError,
} from '@tillkit/models';
import type { PosClient } from '@tillkit/paysera';

function toDocument(d: FinancialDocument): DocumentView {
  return {
    id: d.id,
    type: d.type,
    number: d.number,
    total: money(fromDecimal(d.amount, d.currency), d.currency),
    fiscalDayNumber: d.fiscalDayNumber,
    createdAt: d.createdAt,
  };
}

function toFiscalDay(d: FiscalDay): FiscalDayView {
  return {
    id: d.id,
    number: d.number,
    status: d.status,
    startedAt: d.startedAt,
    closedAt: d.closedAt ?? null,
    totalSales: money(fromDecimal(d.totalSales, d.currency), d.currency),
    totalReturns: money(fromDecimal(d.totalReturns, d.currency), d.currency),
    receiptCount: d.receiptCount,
  };
}

function documentType(type: string): FinancialDocumentType {
  const known = FinancialDocumentType.find((t) => t === type);
  if (!known) {
    throw new TillKitError('VALIDATION_FAILED', `Unknown document type ${type}`, {
      issues: [{ path: 'filter.type', message: `must be one of ${FinancialDocumentType.join(', ')}` }],
    });
  }
  return known;
}

/** The merchant reads of @tillkit/graphql over the Paysera POS External API for one cash register. */
export function createPosMerchant(pos: PosClient, cashRegisterNumber: string): MerchantReads {
  return {
    async documents(filter) {
      const page = await pos.listFinancialDocuments(cashRegisterNumber, {
        pageSize: Math.min(filter.limit, 100),
        ...(filter.type === undefined ? {} : { type: [documentType(filter.type)] }),
        ...(filter.fiscalDayNumber === undefined ? {} : { fiscalDayNumber: filter.fiscalDayNumber }),
      });
      const out: DocumentView[] = [];
      for await (const d of page) {
        out.push(toDocument(d));
        if (out.length >= filter.limit) break;
      }
      return out;
    },
    async fiscalDay(id) {
      try {
        return toFiscalDay(await pos.getFiscalDay(cashRegisterNumber, id));
      } catch (e) {
        if (isTillKitError(e) && e.code === 'NOT_FOUND') return undefined;
        throw e;
      }
    },
  };
}
