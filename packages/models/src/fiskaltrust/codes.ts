// fiskaltrust case, state and signature codes are uint64: `CCCC_vlll_gggg_xxxx` (country, version 2,
// local flags, global flags, case). All arithmetic is done on bigint; see json.ts for the wire side.

/** Two ASCII letters of the country as the top 16 bits (AT = 0x4154). */
export const Country = {
  AT: 0x4154n,
  DE: 0x4445n,
  FR: 0x4652n,
  IT: 0x4954n,
  BE: 0x4245n,
  ES: 0x4553n,
  PT: 0x5054n,
  GR: 0x4752n,
} as const;
export type CountryCode = keyof typeof Country;

/** The version nibble for API v2: a case without it is treated as a legacy v0/v1 code. */
export const VERSION_2 = 0x2000_0000_0000n;

export const ReceiptCase = {
  Unknown: 0x0000n,
  PosReceipt: 0x0001n,
  PaymentTransfer: 0x0002n,
  PosReceiptWithoutObligation: 0x0003n,
  ECommerce: 0x0004n,
  DeliveryNote: 0x0005n,
  TableCheck: 0x0006n,
  ProForma: 0x0007n,
  InvoiceUnknown: 0x1000n,
  InvoiceB2C: 0x1001n,
  InvoiceB2B: 0x1002n,
  InvoiceB2G: 0x1003n,
  ZeroReceipt: 0x2000n,
  OneReceipt: 0x2001n,
  ShiftClosing: 0x2010n,
  DailyClosing: 0x2011n,
  MonthlyClosing: 0x2012n,
  YearlyClosing: 0x2013n,
  Protocol: 0x3000n,
  StartReceipt: 0x4001n,
  StopReceipt: 0x4002n,
} as const;

export const ReceiptCaseFlag = {
  LateSigning: 0x0001_0000n,
  Training: 0x0002_0000n,
  Void: 0x0004_0000n,
  Handwritten: 0x0008_0000n,
  SmallBusiness: 0x0010_0000n,
  ReceiverIsBusiness: 0x0020_0000n,
  ReceiverKnown: 0x0040_0000n,
  SaleInForeignCountry: 0x0080_0000n,
  Refund: 0x0100_0000n,
  /** Return the stored response for this cbReceiptReference instead of processing again. */
  ReturnStoredResponse: 0x8000_0000n,
} as const;

/** Low nibble of a charge item case: the VAT class. */
export const VatClass = {
  Unknown: 0x0n,
  Discounted1: 0x1n,
  Discounted2: 0x2n,
  Normal: 0x3n,
  SuperReduced1: 0x4n,
  SuperReduced2: 0x5n,
  Parking: 0x6n,
  Zero: 0x7n,
  NotTaxable: 0x8n,
} as const;

/** Second nibble of a charge item case: the type of service. */
export const ServiceType = {
  Unknown: 0x00n,
  Goods: 0x10n,
  Service: 0x20n,
  Tip: 0x30n,
  Voucher: 0x40n,
  Catalog: 0x50n,
  Agency: 0x60n,
  OwnConsumption: 0x70n,
  Grant: 0x80n,
  Receivable: 0x90n,
  CashTransfer: 0xa0n,
} as const;

export const ChargeItemFlag = {
  Void: 0x0001_0000n,
  Refund: 0x0002_0000n,
  DiscountOrExtra: 0x0004_0000n,
  DownPayment: 0x0008_0000n,
  Returnable: 0x0010_0000n,
  TakeAway: 0x0020_0000n,
} as const;

export const PayItemType = {
  Unknown: 0x00n,
  Cash: 0x01n,
  NonCash: 0x02n,
  CrossedCheque: 0x03n,
  DebitCard: 0x04n,
  CreditCard: 0x05n,
  Voucher: 0x06n,
  Online: 0x07n,
  Loyalty: 0x08n,
  AccountsReceivable: 0x09n,
  Sepa: 0x0an,
  OtherBankTransfer: 0x0bn,
} as const;

export const PayItemFlag = {
  Void: 0x0001_0000n,
  Refund: 0x0002_0000n,
  DownPayment: 0x0008_0000n,
  ForeignCurrency: 0x0010_0000n,
  Change: 0x0020_0000n,
  Tip: 0x0040_0000n,
  Electronic: 0x0080_0000n,
  Verified: 0x0100_0000n,
} as const;

/** ftState low-word flags. Compare the whole low word with StateError/StateFail first: they overlap. */
export const StateFlag = {
  OutOfOperation: 0x0000_0001n,
  ScuFailed: 0x0000_0002n,
  LateSigning: 0x0000_0008n,
  MessagePending: 0x0000_0040n,
  DailyClosingDue: 0x0000_0100n,
  MonthlyClosingDue: 0x0000_0200n,
  YearlyClosingDue: 0x0000_0400n,
} as const;
/** Low word of an ftState meaning "error: a queue item exists but no receipt number was used". */
export const STATE_ERROR = 0xeeee_eeeen;
/** Low word of an ftState meaning "fail: nothing persisted". */
export const STATE_FAIL = 0xffff_ffffn;

export const SignatureFormat = {
  Unknown: 0x0n,
  Text: 0x1n,
  Link: 0x2n,
  QrCode: 0x3n,
  Code128: 0x4n,
  Base64: 0xdn,
} as const;
/** Signature type category nibble (`t` in `tsss`): 3 = failure. */
export const SIGNATURE_FAILURE = 0x3000n;

export const JournalType = {
  VersionInfo: 0x0000n,
  ActionJournal: 0x0001n,
  ReceiptJournal: 0x0002n,
  QueueItem: 0x0003n,
  Configuration: 0x00ffn,
} as const;

/** Composes a v2 code: country prefix (optional), version 2, flags and the case/type bits. */
export function ftCode(input: { country?: CountryCode; value: bigint; flags?: bigint }): bigint {
  const country = input.country ? Country[input.country] << 48n : 0n;
  return country | VERSION_2 | (input.flags ?? 0n) | input.value;
}

/** The country of a code, or undefined when it carries no prefix. */
export function countryOf(code: bigint): CountryCode | undefined {
  const prefix = code >> 48n;
  return (Object.keys(Country) as CountryCode[]).find((k) => Country[k] === prefix);
}

/** Lowest 16 bits: the receipt case, or the `NNSV`/`xxPP` part of an item case. */
export function caseOf(code: bigint): bigint {
  return code & 0xffffn;
}

/** Lowest 32 bits (global flags + case, or the state word). */
export function lowWord(code: bigint): bigint {
  return code & 0xffff_ffffn;
}

export function hasFlag(code: bigint, flag: bigint): boolean {
  return (code & flag) === flag;
}

/** .NET ticks (journal From/To) of a date: 621355968000000000 + unix ms × 10 000. */
export function toTicks(date: Date): bigint {
  return 621_355_968_000_000_000n + BigInt(date.getTime()) * 10_000n;
}

export function fromTicks(ticks: bigint): Date {
  return new Date(Number((ticks - 621_355_968_000_000_000n) / 10_000n));
}
