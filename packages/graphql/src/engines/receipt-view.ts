import { type Money, money, type ReceiptResponse, toDecimalString } from '@tillkit/models';
import type { OrderView, ReceiptLineView, ReceiptView, VatBreakdownView } from '../services.ts';

const hex = (code: bigint | number | string): string => `0x${BigInt(code).toString(16).padStart(16, '0')}`;

/** VAT contained in a gross amount, rounded half up to a minor unit (integer arithmetic only). */
export function vatOf(gross: number, ratePercent: number): number {
  // rate may have decimals (e.g. 5.5): scale to hundredths so everything stays an integer.
  const rate = Math.round(ratePercent * 100);
  return Math.floor((gross * rate * 2 + (10_000 + rate)) / (2 * (10_000 + rate)));
}

function breakdown(order: OrderView): VatBreakdownView[] {
  const byRate = new Map<number, number>();
  for (const l of order.lines) byRate.set(l.vatRate, (byRate.get(l.vatRate) ?? 0) + l.total.amount);
  const currency = order.total.currency;
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

function printable(view: Omit<ReceiptView, 'printable'>, shopName: string): string {
  const width = 40;
  const row = (left: string, right: string) =>
    `${left.slice(0, width - right.length - 1).padEnd(width - right.length)}${right}`;
  const rule = '-'.repeat(width);
  return [
    shopName,
    `Receipt ${view.receiptId}`,
    `Cash box ${view.cashBoxIdentification}`,
    view.signedAt,
    rule,
    ...view.lines.map((l) => row(`${l.quantity} x ${l.description}`, fmt(l.amount))),
    rule,
    ...view.vat.map((v) => row(`VAT ${v.rate}% of ${fmt(v.gross)}`, fmt(v.vat))),
    row(`TOTAL ${view.total.currency}`, fmt(view.total)),
    'Paid with Paysera scan-and-pay',
    rule,
    ...view.signatures.map((s) => `${s.caption ?? s.type}: ${s.data}`),
  ].join('\n');
}

/** The shopper-facing receipt from the order and the fiscal service's signed response. */
export function toReceiptView(
  order: OrderView,
  response: ReceiptResponse,
  country: string,
  shopName: string,
): ReceiptView {
  const lines: ReceiptLineView[] = order.lines.map((l) => ({
    description: l.name,
    quantity: l.quantity,
    amount: l.total,
    vatRate: l.vatRate,
    vatAmount: money(vatOf(l.total.amount, l.vatRate), l.total.currency),
  }));
  const base = {
    orderId: order.id,
    receiptId: response.ftReceiptIdentification,
    queueItemId: response.ftQueueItemID,
    cashBoxIdentification: response.ftCashBoxIdentification,
    country,
    signedAt: response.ftReceiptMoment,
    lines,
    vat: breakdown(order),
    total: order.total,
    signatures: response.ftSignatures.map((s) => ({
      caption: s.Caption ?? null,
      data: s.Data ?? '',
      format: hex(s.ftSignatureFormat),
      type: hex(s.ftSignatureType),
    })),
  };
  return { ...base, printable: printable(base, shopName) };
}
