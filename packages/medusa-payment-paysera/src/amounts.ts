// The one place where Medusa's amounts (BigNumberInput, major units: 35.25 EUR) become TillKit Money
// (integer minor units: 3525) and back. Medusa's own MathBN does the arithmetic, so a BigNumber, a raw
// `{value, precision}` or a string never passes through parseFloat.
import type { BigNumberInput } from '@medusajs/framework/types';
import { MathBN } from '@medusajs/framework/utils';
import { type Money, minorUnitDigits, TillKitError } from '@tillkit/models';

/**
 * Major units to Money, rounded to the currency's minor unit the way Medusa's payment module rounds
 * (`roundToCurrencyPrecision`): `toMoney(35.25, 'eur')` → `{ amount: 3525, currency: 'EUR' }`.
 */
export function toMoney(amount: BigNumberInput, currencyCode: string): Money {
  const currency = currencyCode.toUpperCase();
  const digits = minorUnitDigits(currency);
  const minor = MathBN.mult(MathBN.convert(amount, digits), 10 ** digits);
  const value = minor.toNumber();
  if (!minor.isInteger() || !Number.isSafeInteger(value) || value < 0) {
    throw new TillKitError('VALIDATION_FAILED', `${minor.toString()} is not a payable ${currency} amount`, {
      issues: [{ path: 'amount', message: 'must be a non-negative amount within the safe integer range' }],
    });
  }
  return { amount: value, currency };
}

/** Money back to major units for Medusa, as an exact decimal string (`{ amount: 3525, currency: 'EUR' }` → `'35.25'`). */
export function toMajor(money: Money): string {
  return MathBN.div(money.amount, 10 ** minorUnitDigits(money.currency)).toFixed();
}
