import { type FtAmount, isJsonDecimal } from '@tillkit/models';

// Receipt amounts arrive as JSON decimal numbers (20.5 = 20.50 EUR). Summing them as floats drifts
// (0.1 + 0.2), so every amount is turned into an exact bigint of 10⁻⁸ units through its shortest
// decimal text, which is the text the client wrote for any amount with ≤ 15 significant digits.

/** Fixed-point scale: 10⁻⁸, enough for DecimalPrecisionMultiplier up to 10⁸. */
export const UNITS_PER_ONE = 100_000_000n;
/** The balance tolerance of the v2 engine: 0.01. */
export const BALANCE_TOLERANCE = 1_000_000n;
const UNITS_PER_CENT = 1_000_000n;

/**
 * An amount as exact 10⁻⁸ units; `multiplier` is the request's DecimalPrecisionMultiplier (amount ÷
 * multiplier). A JsonDecimal (a .NET decimal no double holds) is read from its text, past 10⁻⁸ truncated.
 */
export function toUnits(amount: FtAmount, multiplier = 1): bigint {
  const text = isJsonDecimal(amount)
    ? amount.text
    : Number.isInteger(amount)
      ? amount.toFixed(0)
      : String(amount);
  const units = decimalTextToUnits(text);
  return multiplier === 1 ? units : units / BigInt(multiplier);
}

function decimalTextToUnits(text: string): bigint {
  // Exponent forms (1e-7, 1e+21) only come from amounts no till writes; fall back to rounding them.
  if (text.includes('e')) return BigInt(Math.round(Number(text) * 1e8));
  const negative = text.startsWith('-');
  const digits = negative ? text.slice(1) : text;
  const dot = digits.indexOf('.');
  const whole = dot === -1 ? digits : digits.slice(0, dot);
  const fraction = dot === -1 ? '' : digits.slice(dot + 1, dot + 9).padEnd(8, '0');
  const units = BigInt(whole) * UNITS_PER_ONE + BigInt(fraction === '' ? '0' : fraction);
  return negative ? -units : units;
}

/** Units rounded half away from zero to whole cents. */
export function unitsToCents(units: bigint): bigint {
  const half = UNITS_PER_CENT / 2n;
  return units >= 0n ? (units + half) / UNITS_PER_CENT : -((-units + half) / UNITS_PER_CENT);
}

/** Cents as a decimal string with two fraction digits and the given separator (`20,00` for de-AT). */
export function formatCents(cents: bigint, separator: '.' | ','): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const text = `${abs / 100n}${separator}${(abs % 100n).toString().padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

/** Cents as a JSON number (for journal totals); exact for any realistic receipt total. */
export function centsToNumber(cents: bigint): number {
  return Number(cents) / 100;
}
