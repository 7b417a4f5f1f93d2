export { ErrorCode, type FieldIssue, isTillKitError, issuesFromZod, TillKitError, type TillKitErrorOptions, toTillKitError } from './errors.ts';
export { CurrencyCode, fromDecimal, MinorUnits, Money, minorUnitDigits, money, PositiveMoney, sumMoney, toDecimalString } from './money.ts';
export { parseJsonLossless, stringifyJsonLossless } from './json.ts';
export { parseOrThrow } from './parse.ts';
