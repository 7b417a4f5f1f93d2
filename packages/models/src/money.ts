import { z } from 'zod';
import { TillKitError } from './errors.ts';
import { parseOrThrow } from './parse.ts';

const supported = new Set(Intl.supportedValuesOf('currency'));

/** An ISO 4217 alphabetic currency code, upper case (`EUR`). */
export const CurrencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be a 3-letter upper-case ISO 4217 code')
  .refine((c) => supported.has(c), 'is not an ISO 4217 currency');
export type CurrencyCode = z.infer<typeof CurrencyCode>;

/** An amount in the currency's minor units (cents): a safe integer, never a float. */
export const MinorUnits = z
  .number()
  .int('must be an integer number of minor units (cents), not a decimal')
  .refine(Number.isSafeInteger, 'must be a safe integer');

/** Money: integer minor units plus an ISO 4217 currency. */
export const Money = z.object({ amount: MinorUnits, currency: CurrencyCode });
export type Money = z.infer<typeof Money>;

/** A non-negative Money, for prices and payments. */
export const PositiveMoney = z.object({
  amount: MinorUnits.refine((n) => n >= 0, 'must not be negative'),
  currency: CurrencyCode,
});

// Only valid ISO codes get here (Intl throws on others), so the cache is bounded by ISO 4217.
const digitsByCurrency = new Map<string, number>();

/** How many decimal places the currency's minor unit has (EUR 2, JPY 0, BHD 3). */
export function minorUnitDigits(currency: string): number {
  // Building an Intl.NumberFormat costs tens of microseconds; amounts are formatted on hot paths (every
  // GraphQL Money.formatted), and the answer per currency never changes.
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}

/** Builds a validated Money, throwing a VALIDATION_FAILED TillKitError on a float or a bad currency. */
export function money(amount: number, currency: string): Money {
  return parseOrThrow(Money, { amount, currency }, 'money');
}

/** Exact decimal string of minor units: `toDecimalString(2599, 'EUR')` → `"25.99"`, `(-5, 'EUR')` → `"-0.05"`. */
export function toDecimalString(amount: number, currency: string): string {
  if (!Number.isSafeInteger(amount)) {
    throw new TillKitError('VALIDATION_FAILED', `${amount} is not an integer number of minor units`, {
      issues: [
        { path: 'amount', message: 'must be a safe integer number of minor units (cents), not a decimal' },
      ],
    });
  }
  const digits = minorUnitDigits(currency);
  const negative = amount < 0;
  const abs = String(Math.abs(amount)).padStart(digits + 1, '0');
  const whole = digits === 0 ? abs : abs.slice(0, -digits);
  const frac = digits === 0 ? '' : `.${abs.slice(-digits)}`;
  return `${negative ? '-' : ''}${whole}${frac}`;
}

const decimalPattern = /^(-)?(\d+)(?:\.(\d+))?$/;

/**
 * Exact minor units of a decimal given as a string or a JSON number (`"25.99"` or `25.99` → 2599).
 * Rejects more fractional digits than the currency has (no silent rounding).
 */
export function fromDecimal(value: string | number, currency: string): number {
  const text = typeof value === 'number' ? numberToPlainString(value) : value.trim();
  const m = decimalPattern.exec(text);
  const digits = minorUnitDigits(currency);
  const frac = (m?.[3] ?? '').replace(/0+$/, '');
  if (!m || frac.length > digits) {
    throw new TillKitError(
      'VALIDATION_FAILED',
      `"${text}" is not a ${currency} amount with at most ${digits} decimals`,
      {
        issues: [{ path: '', message: `must be a decimal with at most ${digits} fractional digits` }],
      },
    );
  }
  const minor = Number(m[2]) * 10 ** digits + Number(frac.padEnd(digits, '0') || '0');
  if (!Number.isSafeInteger(minor)) {
    throw new TillKitError('VALIDATION_FAILED', `"${text}" is too large`, {
      issues: [{ path: '', message: 'out of safe range' }],
    });
  }
  return m[1] && minor !== 0 ? -minor : minor;
}

function numberToPlainString(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  // Shortest round-trip representation; expand exponent forms like 1e-7 / 1e21 to plain digits.
  const s = String(n);
  return /e/i.test(s) ? n.toFixed(20).replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** Adds Money values of one currency; throws on mixed currencies. */
export function sumMoney(values: readonly Money[], currency: string): Money {
  let total = 0;
  for (const v of values) {
    if (v.currency !== currency) {
      throw new TillKitError('VALIDATION_FAILED', `Cannot add ${v.currency} to ${currency}`, {
        issues: [{ path: 'currency', message: `expected ${currency}, got ${v.currency}` }],
      });
    }
    total += v.amount;
  }
  return money(total, currency);
}
