import {
  ChargeItemFlag,
  ftCode,
  PayItemFlag,
  PayItemType,
  parseOrThrow,
  ReceiptCase,
  ReceiptCaseFlag,
  type ReceiptRequestInput,
  ServiceType,
  TillKitError,
  toDecimalString,
} from '@tillkit/models';
import { z } from 'zod';
import { FiscalOrder, type OrderPayment } from './order.ts';
import { sealReceiptRequest } from './sealed.ts';
import { type ReceiptCountry, vatClassFor } from './vat.ts';

/** Where the receipt is signed: the country's VAT table and the ids that go into the request. */
export const ReceiptContext = z.object({
  country: z.enum(['AT', 'DE', 'IT']),
  cashBoxId: z.uuid(),
  posSystemId: z.uuid().optional(),
  terminalId: z.string().min(1).max(1023).optional(),
});
export type ReceiptContext = z.input<typeof ReceiptContext>;

const payItemType: Record<OrderPayment['method'], bigint> = {
  cash: PayItemType.Cash,
  card: PayItemType.CreditCard,
  online: PayItemType.Online,
  voucher: PayItemType.Voucher,
};
const payDescription: Record<OrderPayment['method'], string> = {
  cash: 'Cash',
  card: 'Card',
  online: 'Online',
  voucher: 'Voucher',
};

/**
 * Case codes are written WITHOUT the country prefix (spec §8): `0x2000_0000_0001` instead of
 * `0x4154_2000_0000_0001`. The server adds the queue's country, and every code stays below 2^53, so the
 * request survives any JSON tool on its way (a proxy, a job queue, a host's JSON.parse) unchanged.
 * Responses still carry the country and are parsed losslessly by the client.
 */
function code(value: bigint, flags = 0n): number {
  const n = Number(ftCode({ value, flags }));
  if (!Number.isSafeInteger(n)) throw new TillKitError('INTERNAL', 'case code exceeds 2^53');
  return n;
}

// Amounts go out as JSON numbers built from the exact decimal string of the minor units: "25.99" →
// 25.99 serialises back to exactly "25.99" (shortest round-trip form), so no float arithmetic ever
// touches money; totals are compared in integer minor units.
function decimal(minor: number, currency: string): number {
  return Number(toDecimalString(minor, currency));
}

/** Line total in minor units: quantity (thousandths) × unit price, rounded half away from zero, exactly. */
export function lineTotal(quantity: number, unitPrice: number): number {
  const milli = BigInt(Math.round(quantity * 1000));
  const total = Number((milli * BigInt(unitPrice) + 500n) / 1000n);
  if (!Number.isSafeInteger(total)) throw new TillKitError('VALIDATION_FAILED', 'line total is out of range');
  return total;
}

/**
 * Turns a platform-neutral order into a fiskaltrust ReceiptRequest for `country`: charge items with
 * the VAT class of the country's rate table, pay items by method, a refund with negative amounts and
 * the previous receipt's reference. Throws RECEIPT_UNBALANCED when the payments do not cover the
 * lines exactly, and VALIDATION_FAILED for an invalid order or a rate the country does not have.
 *
 * @example
 * buildReceipt({ id: 'o-1', moment: '2026-11-23T10:00:00Z', lines: [{ description: 'Tea', quantity: 2, unitPrice: 350, vatRate: 10 }],
 *   payments: [{ method: 'online', amount: 700 }] }, { country: 'AT', cashBoxId })
 */
export function buildReceipt(order: FiscalOrder, context: ReceiptContext): ReceiptRequestInput {
  const o = parseOrThrow(FiscalOrder, order, 'order');
  const ctx = parseOrThrow(ReceiptContext, context, 'receipt context');
  const currency = o.currency ?? 'EUR';
  const sign = o.refund ? -1 : 1;
  let chargeTotal = 0;
  const cbChargeItems = o.lines
    .flatMap((line, i) => {
      const total = lineTotal(line.quantity, line.unitPrice);
      const discount = line.discount ?? 0;
      if (discount > total)
        throw new TillKitError(
          'VALIDATION_FAILED',
          `Order ${o.id}: line ${i + 1}'s discount exceeds its total`,
          {
            issues: [{ path: `lines.${i}.discount`, message: 'must not exceed quantity × unitPrice' }],
          },
        );
      chargeTotal += total - discount;
      const vat = vatClassFor(ctx.country as ReceiptCountry, line.vatRate, `lines.${i}.vatRate`);
      const service = line.kind === 'service' ? ServiceType.Service : ServiceType.Goods;
      const refundFlag = o.refund ? ChargeItemFlag.Refund : 0n;
      // Keys in ReceiptRequest's schema order: signing sends a built request without re-parsing it, and
      // its bytes must stay those of the parsed form (the same operation id must see the same body).
      const item = {
        Quantity: sign * line.quantity,
        Description: line.description,
        Amount: decimal(sign * total, currency),
        VATRate: line.vatRate,
        ftChargeItemCase: code(service | vat, refundFlag),
        ...(line.productNumber === undefined ? {} : { ProductNumber: line.productNumber }),
      };
      if (discount === 0) return [item];
      // A discount is its own charge item with a negative amount and the discount flag, at the line's VAT rate.
      const discountItem = {
        Quantity: sign,
        Description: `Discount: ${line.description}`.slice(0, 1023),
        Amount: decimal(-sign * discount, currency),
        VATRate: line.vatRate,
        ftChargeItemCase: code(service | vat, refundFlag | ChargeItemFlag.DiscountOrExtra),
      };
      return [item, discountItem];
    })
    .map((item, i) => ({ ...positioned(item, i + 1) }));
  let payTotal = 0;
  const cbPayItems = o.payments.map((p, i) => {
    payTotal += p.amount;
    return {
      Quantity: 1,
      Description: p.description ?? payDescription[p.method],
      Amount: decimal(sign * p.amount, currency),
      ftPayItemCase: code(payItemType[p.method], o.refund ? PayItemFlag.Refund : 0n),
      Position: i + 1,
    };
  });
  if (chargeTotal !== payTotal) {
    throw new TillKitError(
      'RECEIPT_UNBALANCED',
      `Order ${o.id}: lines total ${toDecimalString(chargeTotal, currency)} but payments total ${toDecimalString(payTotal, currency)} ${currency}`,
      { issues: [{ path: 'payments', message: `must add up to ${toDecimalString(chargeTotal, currency)}` }] },
    );
  }
  return sealReceiptRequest({
    ...ids(ctx),
    cbReceiptReference: o.reference ?? o.id,
    cbReceiptMoment: new Date(o.moment).toISOString(),
    cbChargeItems,
    cbPayItems,
    ftReceiptCase: code(ReceiptCase.PosReceipt, o.refund ? ReceiptCaseFlag.Refund : 0n),
    ...(o.refund ? { cbPreviousReceiptReference: o.refund.previousReference } : {}),
    cbReceiptAmount: decimal(sign * chargeTotal, currency),
    Currency: currency,
  });
}

/** The receipts without items a queue's life needs: start (4001), zero (2000), daily closing (2011). */
export type SpecialReceiptKind = 'start' | 'zero' | 'daily-closing';

const specialCase: Record<SpecialReceiptKind, bigint> = {
  start: ReceiptCase.StartReceipt,
  zero: ReceiptCase.ZeroReceipt,
  'daily-closing': ReceiptCase.DailyClosing,
};

/**
 * A start receipt (once per new queue), a zero receipt (clears SCU-failed and late-signing states) or
 * a daily closing. `reference` and `moment` must be stable for one logical receipt, as for orders.
 *
 * @example buildSpecialReceipt('start', { reference: 'INIT-1', moment: '2026-11-23T08:00:00Z' }, { country: 'AT', cashBoxId })
 */
export function buildSpecialReceipt(
  kind: SpecialReceiptKind,
  receipt: { reference: string; moment: string },
  context: ReceiptContext,
): ReceiptRequestInput {
  const ctx = parseOrThrow(ReceiptContext, context, 'receipt context');
  const r = parseOrThrow(
    z.object({ reference: z.string().min(1).max(1023), moment: z.iso.datetime({ offset: true }) }),
    receipt,
    'receipt',
  );
  return sealReceiptRequest({
    ...ids(ctx),
    cbReceiptReference: r.reference,
    cbReceiptMoment: new Date(r.moment).toISOString(),
    cbChargeItems: [],
    cbPayItems: [],
    ftReceiptCase: code(specialCase[kind]),
  });
}

/** Adds `Position` after the fields ReceiptRequest's schema puts before it, keeping the key order. */
function positioned<T extends { ftChargeItemCase: number; ProductNumber?: string }>(
  item: T,
  position: number,
) {
  const { ProductNumber, ...head } = item;
  return { ...head, Position: position, ...(ProductNumber === undefined ? {} : { ProductNumber }) };
}

function ids(ctx: z.output<typeof ReceiptContext>) {
  return {
    ftCashBoxID: ctx.cashBoxId,
    ...(ctx.posSystemId === undefined ? {} : { ftPosSystemId: ctx.posSystemId }),
    ...(ctx.terminalId === undefined ? {} : { cbTerminalID: ctx.terminalId }),
  };
}
