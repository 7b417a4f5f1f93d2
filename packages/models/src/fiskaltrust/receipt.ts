import { z } from 'zod';
import { isJsonDecimal, type JsonDecimal } from '../json.ts';
import { CurrencyCode } from '../money.ts';
import { IsoDateTime } from '../shared.ts';

// fiskaltrust ReceiptRequest / ReceiptResponse (POST /v2/sign). Property names are exact and
// case-sensitive as fiskaltrust serialises them. Codes are bigint (parse the raw body with
// parseJsonLossless); amounts are JSON decimal numbers in the currency (20.5 = 20.50 EUR).

const UINT64_MAX = (1n << 64n) - 1n;

/** A uint64 code: a bigint, or a safe non-negative integer number (widened to bigint). */
export const FtCode = z
  .union([
    z.bigint(),
    z.number().int().nonnegative().refine(Number.isSafeInteger, 'must be a safe integer or a bigint'),
  ])
  .transform((v) => BigInt(v))
  .refine((v) => v >= 0n && v <= UINT64_MAX, 'must be an unsigned 64-bit integer');

// .NET `decimal` (the contract's type for every amount, quantity and rate): 96-bit mantissa, scale ≤ 28.
const DECIMAL_MAX = 79_228_162_514_264_337_593_543_950_335n;
const decimalText = /^-?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** True when `text` is a number a .NET decimal holds: at most 28 fractional digits, |v| ≤ 2^96 − 1. */
function fitsDecimal(text: string): boolean {
  const m = decimalText.exec(text);
  if (!m) return false;
  const fraction = (m[2] ?? '').replace(/0+$/, '');
  const exponent = Number(m[3] ?? 0);
  const scale = fraction.length - exponent;
  if (scale > 28) return false;
  const mantissa = BigInt(`${m[1]}${fraction}` || '0');
  const whole = scale >= 0 ? mantissa / 10n ** BigInt(scale) : mantissa * 10n ** BigInt(-scale);
  return whole <= DECIMAL_MAX;
}

/**
 * An amount as fiskaltrust writes it: a .NET decimal. A JSON number, or (from parseJsonLossless) a
 * JsonDecimal when a double cannot hold it exactly (a vendor void carries VATAmount
 * -0.4363636363636363636363636364). TillKit itself writes exact minor-unit amounts (the receipt builder).
 */
export const FtAmount = z.union([
  z
    .number()
    .finite()
    .refine((n) => fitsDecimal(String(n)), 'must fit a .NET decimal'),
  z.custom<JsonDecimal>(isJsonDecimal).refine((d) => fitsDecimal(d.text), 'must fit a .NET decimal'),
]);
export type FtAmount = z.output<typeof FtAmount>;

const Guid = z.uuid();

// ChargeItem / PayItem as the v2 contract declares them (ifPOS v2 `ChargeItem.cs`, `PayItem.cs`): the
// cases are `EmitDefaultValue = false, IsRequired = false` with default 0, so a request may leave them
// out; Description is required but may be empty (the non-empty rule is the v2 engine's, which AT, DE
// and IT queues do not run).
export const ChargeItem = z.looseObject({
  Quantity: FtAmount,
  Description: z.string(),
  Amount: FtAmount,
  VATRate: FtAmount.refine((r) => Number(r) >= 0 && Number(r) <= 100, 'must be 0 to 100'),
  ftChargeItemCase: FtCode.optional(),
  ftChargeItemCaseData: z.unknown().optional(),
  VATAmount: FtAmount.optional(),
  Moment: IsoDateTime.optional(),
  Position: z.number().optional(),
  ProductNumber: z.string().optional(),
  ProductGroup: z.string().optional(),
  Unit: z.string().optional(),
  UnitPrice: FtAmount.optional(),
  ftChargeItemId: Guid.optional(),
});
export type ChargeItem = z.input<typeof ChargeItem>;

export const PayItem = z.looseObject({
  Quantity: FtAmount.optional(),
  Description: z.string(),
  Amount: FtAmount,
  ftPayItemCase: FtCode.optional(),
  ftPayItemCaseData: z.unknown().optional(),
  Moment: IsoDateTime.optional(),
  Position: z.number().optional(),
  MoneyGroup: z.string().optional(),
  MoneyNumber: z.string().optional(),
  ftPayItemId: Guid.optional(),
});
export type PayItem = z.input<typeof PayItem>;

export const ReceiptRequest = z.looseObject({
  ftCashBoxID: Guid.optional(),
  ftPosSystemId: Guid.optional(),
  ftQueueID: Guid.optional(),
  cbTerminalID: z.string().max(1023).optional(),
  cbReceiptReference: z.string().min(1).max(1023),
  cbReceiptMoment: IsoDateTime,
  cbChargeItems: z.array(ChargeItem),
  cbPayItems: z.array(PayItem),
  ftReceiptCase: FtCode,
  ftReceiptCaseData: z.unknown().optional(),
  cbPreviousReceiptReference: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  cbReceiptAmount: FtAmount.optional(),
  cbUser: z.unknown().optional(),
  cbArea: z.unknown().optional(),
  cbCustomer: z.unknown().optional(),
  cbSettlement: z.unknown().optional(),
  Currency: CurrencyCode.optional(),
  DecimalPrecisionMultiplier: z
    .union([z.literal(1), z.literal(100), z.literal(10_000), z.literal(1_000_000), z.literal(100_000_000)])
    .optional(),
});
/** What a caller writes (codes as bigint or safe numbers). */
export type ReceiptRequestInput = z.input<typeof ReceiptRequest>;
/** What parsing yields (codes always bigint). */
export type ReceiptRequest = z.output<typeof ReceiptRequest>;

export const SignatureItem = z.looseObject({
  ftSignatureFormat: FtCode,
  ftSignatureType: FtCode,
  Caption: z.string().nullable().optional(),
  // `string Data` with EmitDefaultValue = true (ifPOS v2 SignatureItem.cs): a signature without data is
  // written as "Data": null (a DE daily closing has nine such), and the receipt is still signed.
  Data: z.string().nullable(),
  ftSignatureItemId: Guid.optional(),
});
export type SignatureItem = z.output<typeof SignatureItem>;

const PrintLines = z.array(z.unknown()).optional();

export const ReceiptResponse = z.looseObject({
  ftCashBoxID: z.string().optional(),
  ftQueueID: Guid,
  ftQueueItemID: Guid,
  ftQueueRow: z.union([z.number().int().nonnegative(), z.bigint()]),
  cbTerminalID: z.string().optional(),
  cbReceiptReference: z.string(),
  ftCashBoxIdentification: z.string(),
  ftReceiptIdentification: z.string(),
  ftReceiptMoment: IsoDateTime,
  ftSignatures: z.array(SignatureItem),
  ftState: FtCode,
  ftStateData: z.unknown().optional(),
  ftReceiptHeader: PrintLines,
  ftChargeItems: PrintLines,
  ftChargeLines: PrintLines,
  ftPayItems: PrintLines,
  ftPayLines: PrintLines,
  ftReceiptFooter: PrintLines,
});
export type ReceiptResponse = z.output<typeof ReceiptResponse>;
export type ReceiptResponseInput = z.input<typeof ReceiptResponse>;
