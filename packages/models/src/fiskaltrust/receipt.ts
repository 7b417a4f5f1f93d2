import { z } from 'zod';
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

/** A decimal amount as a JSON number, at most 4 fractional digits (sub-cent precision is never needed). */
export const FtAmount = z
  .number()
  .finite()
  .refine((n) => decimalPlaces(n) <= 4 || nearFourPlaces(n), 'must have at most 4 decimal places');

// Counted on the shortest round-trip text (what JSON carries): n × 10⁴ alone picks up float error above
// ~10⁶ and rejected plain 2-decimal amounts such as 1234567.89. The tolerance test stays as a second
// way in, so sums like 0.1 + 0.2 that were accepted before still are.
function nearFourPlaces(n: number): boolean {
  return Math.abs(n * 10_000 - Math.round(n * 10_000)) < 1e-6;
}

function decimalPlaces(n: number): number {
  const [mantissa = '', exponent = '0'] = String(n).split('e');
  return Math.max(0, (mantissa.split('.')[1] ?? '').length - Number(exponent));
}

const Guid = z.uuid();

export const ChargeItem = z.looseObject({
  Quantity: z.number().finite(),
  Description: z.string().min(1),
  Amount: FtAmount,
  VATRate: z.number().min(0).max(100),
  ftChargeItemCase: FtCode,
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
  Quantity: z.number().finite().optional(),
  Description: z.string().min(1),
  Amount: FtAmount,
  ftPayItemCase: FtCode,
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
  Data: z.string(),
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
