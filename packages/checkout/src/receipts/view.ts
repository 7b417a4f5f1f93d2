import type { FiscalOrder } from '@tillkit/fiscalization';
import { type Money, money, type ReceiptResponse, toDecimalString } from '@tillkit/models';
import type { Receipt, ReceiptLine, VatBreakdown } from '../types.ts';
import { netOf } from './fiscal-order.ts';

const hex = (code: bigint | number | string): string => `0x${BigInt(code).toString(16).padStart(16, '0')}`;

/** VAT contained in a gross amount, rounded half up to a minor unit (integer arithmetic only). */
export function vatOf(gross: number, ratePercent: number): number {
  // rate may have decimals (e.g. 5.5): scale to hundredths so everything stays an integer.
  const rate = Math.round(ratePercent * 100);
  const sign = gross < 0 ? -1 : 1;
  const g = Math.abs(gross);
  return sign * Math.floor((g * rate * 2 + (10_000 + rate)) / (2 * (10_000 + rate)));
}

function breakdown(lines: readonly ReceiptLine[], currency: string): VatBreakdown[] {
  const byRate = new Map<number, number>();
  for (const l of lines) byRate.set(l.vatRate, (byRate.get(l.vatRate) ?? 0) + l.amount.amount);
  return [...byRate.entries()]
    .sort(([a], [b]) => b - a)
    .map(([rate, gross]) => {
      const vat = vatOf(gross, rate);
      return {
        rate,
        net: money(gross - vat, currency),
        vat: money(vat, currency),
        gross: money(gross, currency),
      };
    });
}

const fmt = (m: Money) => toDecimalString(m.amount, m.currency);

function printable(r: Omit<Receipt, 'printable'>, shopName: string): string {
  const width = 40;
  const row = (left: string, right: string) =>
    `${left.slice(0, width - right.length - 1).padEnd(width - right.length)}${right}`;
  const rule = '-'.repeat(width);
  return [
    shopName,
    `${r.kind === 'refund' ? 'Refund receipt' : 'Receipt'} ${r.receiptId}`,
    `Cash box ${r.cashBoxIdentification}`,
    r.signedAt,
    rule,
    ...r.lines.map((l) => row(`${l.quantity} x ${l.description}`, fmt(l.amount))),
    rule,
    ...r.vat.map((v) => row(`VAT ${v.rate}% of ${fmt(v.gross)}`, fmt(v.vat))),
    row(`TOTAL ${r.total.currency}`, fmt(r.total)),
    r.kind === 'refund' ? 'Refunded to the Paysera wallet' : 'Paid with Paysera scan-and-pay',
    rule,
    ...r.signatures.map((s) => `${s.caption ?? s.type}: ${s.data ?? ''}`),
  ].join('\n');
}

/** The receipt as shoppers and merchants see it, from the signed fiscal order and fiskaltrust's response. */
export function toReceipt(input: {
  kind: 'sale' | 'refund';
  attemptId: string;
  orderRef: string;
  refundId?: string;
  order: FiscalOrder;
  response: ReceiptResponse;
  country: string;
  shopName: string;
}): Receipt {
  const currency = input.order.currency ?? 'EUR';
  const lines: ReceiptLine[] = input.order.lines.map((l) => {
    const gross = netOf(l);
    return {
      description: l.description,
      quantity: l.quantity,
      amount: money(gross, currency),
      vatRate: l.vatRate,
      vatAmount: money(vatOf(gross, l.vatRate), currency),
    };
  });
  const total = lines.reduce((sum, l) => sum + l.amount.amount, 0);
  const { response: res } = input;
  const base: Omit<Receipt, 'printable'> = {
    kind: input.kind,
    attemptId: input.attemptId,
    orderRef: input.orderRef,
    ...(input.refundId === undefined ? {} : { refundId: input.refundId }),
    receiptId: res.ftReceiptIdentification,
    reference: input.order.reference ?? input.order.id,
    queueItemId: res.ftQueueItemID,
    cashBoxIdentification: res.ftCashBoxIdentification,
    country: input.country,
    signedAt: res.ftReceiptMoment,
    lines,
    vat: breakdown(lines, currency),
    total: money(total, currency),
    signatures: res.ftSignatures.map((s) => ({
      caption: s.Caption ?? null,
      data: (s.Data as string | null | undefined) ?? null,
      format: hex(s.ftSignatureFormat),
      type: hex(s.ftSignatureType),
    })),
  };
  return { ...base, printable: printable(base, input.shopName) };
}
