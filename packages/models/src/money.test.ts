import { describe, expect, it } from 'vitest';
import { isTillKitError } from './errors.ts';
import { fromDecimal, minorUnitDigits, money, sumMoney, toDecimalString } from './money.ts';

describe('money', () => {
  it('accepts integer minor units with an ISO 4217 currency', () => {
    expect(money(2599, 'EUR')).toEqual({ amount: 2599, currency: 'EUR' });
  });
  it.each([
    [25.99, 'EUR', 'amount'],
    [2 ** 53, 'EUR', 'amount'],
    [100, 'eur', 'currency'],
    [100, 'XYZ', 'currency'],
  ])('rejects %s %s naming the field %s', (amount, currency, field) => {
    try {
      money(amount, currency);
      expect.unreachable();
    } catch (e) {
      expect(isTillKitError(e) && e.code).toBe('VALIDATION_FAILED');
      expect(isTillKitError(e) && e.issues.map((i) => i.path)).toContain(field);
    }
  });
  it('knows minor-unit digits per currency', () => {
    expect([minorUnitDigits('EUR'), minorUnitDigits('JPY'), minorUnitDigits('BHD')]).toEqual([2, 0, 3]);
  });
  it('converts minor units to exact decimal strings and back', () => {
    expect(toDecimalString(2599, 'EUR')).toBe('25.99');
    expect(toDecimalString(-5, 'EUR')).toBe('-0.05');
    expect(toDecimalString(1500, 'JPY')).toBe('1500');
    expect(fromDecimal('25.99', 'EUR')).toBe(2599);
    expect(fromDecimal(25.99, 'EUR')).toBe(2599);
    expect(() => fromDecimal(0.1 + 0.2, 'EUR')).toThrow(/at most 2 decimals/); // 0.30000000000000004: refused, not rounded
    expect(fromDecimal('-0.05', 'EUR')).toBe(-5);
  });
  it('refuses to format a fractional or unsafe amount instead of printing a wrong decimal', () => {
    expect(() => toDecimalString(25.5, 'EUR')).toThrow(/not an integer number of minor units/);
    expect(() => toDecimalString(2 ** 53, 'EUR')).toThrow(/not an integer number of minor units/);
  });
  it('refuses to round away sub-cent digits', () => {
    expect(() => fromDecimal('1.005', 'EUR')).toThrow(/at most 2 decimals/);
  });
  it('sums one currency and refuses to mix currencies', () => {
    expect(sumMoney([money(1, 'EUR'), money(2, 'EUR')], 'EUR').amount).toBe(3);
    expect(() => sumMoney([money(1, 'USD')], 'EUR')).toThrow(/Cannot add USD/);
  });
});
