import { Country, caseOf, hasFlag, ReceiptCase, ReceiptCaseFlag, type ReceiptRequest } from '@tillkit/models';
import { BALANCE_TOLERANCE, formatCents, toUnits, unitsToCents } from './amounts.ts';
import { isLegacyCase, legacyAsV2 } from './legacy.ts';
import type { FiskaltrustCountry } from './types.ts';
import { dsfinvkSlot, rksvBucket, type VatBuckets } from './vat.ts';

export type { VatBuckets } from './vat.ts';

// The v2 engine's global receipt validations (spec §5.5). A failed rule is not an HTTP error: the
// receipt is answered in a 2xx with ftState EEEE_EEEE and one "[Error] <code>" signature per rule.

/** One failed rule: `code` goes into the signature caption, `message` into its Data. */
export interface RuleError {
  code: string;
  message: string;
}

/** What the signing step needs from a validated receipt. */
export interface ReceiptFacts {
  /** The receipt case with the queue's country filled in. */
  receiptCase: bigint;
  chargeCents: bigint;
  payCents: bigint;
  vat: VatBuckets;
  /** DE DSFinV-K VAT slots (19 %, 7 %, 10.7 %, 5.5 %, 0 %), in cents. */
  dsfinvk: bigint[];
  errors: RuleError[];
}

const supportedCases = new Set<bigint>([
  ...[
    ReceiptCase.Unknown,
    ReceiptCase.PosReceipt,
    ReceiptCase.PaymentTransfer,
    ReceiptCase.PosReceiptWithoutObligation,
  ],
  ...[ReceiptCase.ECommerce, ReceiptCase.DeliveryNote, ReceiptCase.TableCheck, ReceiptCase.ProForma],
  ...[ReceiptCase.InvoiceUnknown, ReceiptCase.InvoiceB2C, ReceiptCase.InvoiceB2B, ReceiptCase.InvoiceB2G],
  ...[
    ReceiptCase.ZeroReceipt,
    ReceiptCase.ShiftClosing,
    ReceiptCase.DailyClosing,
    ReceiptCase.MonthlyClosing,
    ReceiptCase.YearlyClosing,
  ],
  // Protocol cases beyond 0x3000 (technical/accounting event, internal usage, order, pay, copy) have no model constant.
  ...[ReceiptCase.Protocol, 0x3001n, 0x3002n, 0x3003n, 0x3004n, 0x3005n, 0x3010n],
  ...[ReceiptCase.StartReceipt, ReceiptCase.StopReceipt],
]);
/** Cases the balance rule skips (table check, pro-forma), as the v2 engine does. */
const unbalancedAllowed = new Set<bigint>([ReceiptCase.TableCheck, ReceiptCase.ProForma]);

/** Normalises the receipt case to the queue's country and applies the global validations. */
export function checkReceipt(request: ReceiptRequest, country: FiskaltrustCountry): ReceiptFacts {
  const errors: RuleError[] = [];
  const receiptCase = withCountry(request.ftReceiptCase, country, errors);
  const kind = caseOf(receiptCase);
  if (errors.length === 0 && !supportedCases.has(kind)) {
    errors.push({
      code: 'UnsupportedReceiptCase',
      message: `The given ftReceiptCase 0x${receiptCase.toString(16).toUpperCase()} is not supported. Please refer to docs.fiskaltrust.cloud for supported cases.`,
    });
  }

  const multiplier = request.DecimalPrecisionMultiplier ?? 1;
  let chargeUnits = 0n;
  const vatUnits: VatBuckets = { normal: 0n, reduced1: 0n, reduced2: 0n, zero: 0n, special: 0n };
  const slotUnits = [0n, 0n, 0n, 0n, 0n];
  for (const item of request.cbChargeItems) {
    const units = toUnits(item.Amount, itemMultiplier(item, multiplier));
    chargeUnits += units;
    vatUnits[rksvBucket(item.ftChargeItemCase, item.VATRate)] += units;
    const slot = dsfinvkSlot(item.ftChargeItemCase, item.VATRate);
    slotUnits[slot] = (slotUnits[slot] ?? 0n) + units;
  }
  let payUnits = 0n;
  for (const item of request.cbPayItems) payUnits += toUnits(item.Amount, itemMultiplier(item, multiplier));

  const difference = chargeUnits - payUnits;
  const exempt = hasFlag(receiptCase, ReceiptCaseFlag.Handwritten) || unbalancedAllowed.has(kind);
  if (!exempt && (difference > BALANCE_TOLERANCE || difference < -BALANCE_TOLERANCE)) {
    errors.push({
      code: 'ReceiptNotBalanced',
      message: `The sum of the charge items (${unitsText(chargeUnits)}) does not match the sum of the pay items (${unitsText(payUnits)}).`,
    });
  }

  const references = request.cbPreviousReceiptReference;
  const refund = hasFlag(receiptCase, ReceiptCaseFlag.Refund);
  if ((refund || kind === ReceiptCase.PaymentTransfer) && references === undefined) {
    errors.push({
      code: refund
        ? 'RefundMissingPreviousReceiptReference'
        : 'PaymentTransferMissingPreviousReceiptReference',
      message: `A ${refund ? 'refund' : 'payment transfer'} needs cbPreviousReceiptReference naming the original receipt.`,
    });
  }
  if (
    (refund || hasFlag(receiptCase, ReceiptCaseFlag.Void)) &&
    Array.isArray(references) &&
    references.length > 1
  ) {
    errors.push({
      code: 'MultipleReferencesNotAllowed',
      message: 'A void or refund may reference only a single previous receipt.',
    });
  }

  return {
    receiptCase,
    chargeCents: unitsToCents(chargeUnits),
    payCents: unitsToCents(payUnits),
    vat: {
      normal: unitsToCents(vatUnits.normal),
      reduced1: unitsToCents(vatUnits.reduced1),
      reduced2: unitsToCents(vatUnits.reduced2),
      zero: unitsToCents(vatUnits.zero),
      special: unitsToCents(vatUnits.special),
    },
    dsfinvk: slotUnits.map(unitsToCents),
    errors,
  };
}

// The server adds the queue's country to a v2 code without one; another market's prefix is refused. A
// legacy (v0/v1) code is passed through as the vendor's local API does (legacy.ts reads it as its v2 case).
function withCountry(code: bigint, country: FiskaltrustCountry, errors: RuleError[]): bigint {
  const hex = `0x${code.toString(16).toUpperCase()}`;
  const prefix = code >> 48n;
  if (prefix !== 0n && prefix !== Country[country]) {
    errors.push({
      code: 'CountryMismatch',
      message: `The ftReceiptCase ${hex} belongs to another market than this ${country} queue.`,
    });
    return code;
  }
  if (isLegacyCase(code)) {
    const v2 = legacyAsV2(code, country);
    if (v2 !== undefined) return v2;
    errors.push({
      code: 'UnsupportedReceiptCase',
      message: `The legacy ftReceiptCase ${hex} has no ${country} v0 meaning. Please send a v2 case.`,
    });
    return code;
  }
  return prefix === 0n ? code | (Country[country] << 48n) : code;
}

// An item's own multiplier is not in the schema (items are loose objects): anything but a positive
// whole number falls back to the request's, as a fraction cannot divide the exact bigint units.
function itemMultiplier(item: Record<string, unknown>, fallback: number): number {
  const own = item['DecimalPrecisionMultiplier'];
  return typeof own === 'number' && Number.isSafeInteger(own) && own > 0 ? own : fallback;
}

function unitsText(units: bigint): string {
  return formatCents(unitsToCents(units), '.');
}
