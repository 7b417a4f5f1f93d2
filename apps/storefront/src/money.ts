import { ApiError } from './backend.ts';

// Medusa's store API answers amounts in major units as JSON numbers (4.5 EUR). They become integer minor
// units here, once, from their decimal text: never by multiplying a float.

/** The currency's minor digits (EUR 2, JPY 0, BHD 3), as the browser's ICU knows them. */
export function digitsOf(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

/**
 * Major units (a number as JSON gives it, or its decimal string) to integer minor units, half-up at the
 * currency's precision as Medusa rounds: `toMinor(7.44, 'EUR')` → 744, `toMinor('5.988', 'EUR')` → 599.
 */
export function toMinor(major: number | string, currency: string): number {
  const text = typeof major === 'number' ? String(major) : major.trim();
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new ApiError(`${text} is not a ${currency} amount`, 'VALIDATION_FAILED');
  const digits = digitsOf(currency);
  const fraction = m[2] ?? '';
  let units = BigInt(`${m[1]}${fraction.padEnd(digits, '0').slice(0, digits)}`);
  if ((fraction[digits] ?? '0') >= '5') units += 1n;
  if (units > BigInt(Number.MAX_SAFE_INTEGER))
    throw new ApiError(`${text} ${currency} is too large an amount`, 'VALIDATION_FAILED');
  return Number(units);
}
