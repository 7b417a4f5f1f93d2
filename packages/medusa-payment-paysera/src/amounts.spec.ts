import { describe, expect, it } from '@jest/globals';
import { BigNumber } from '@medusajs/framework/utils';
import { toMajor, toMoney } from './amounts.ts';

describe('amounts cross from Medusa major units to integer minor units once', () => {
  it('converts 2-decimal currencies exactly, including values binary floats cannot hold', () => {
    expect(toMoney(35.25, 'eur')).toEqual({ amount: 3525, currency: 'EUR' });
    expect(toMoney('0.29', 'eur')).toEqual({ amount: 29, currency: 'EUR' });
    expect(toMoney(new BigNumber('1234567.89').raw!, 'eur')).toEqual({ amount: 123456789, currency: 'EUR' });
    expect(toMoney({ value: '19.99', precision: 20 }, 'usd')).toEqual({ amount: 1999, currency: 'USD' });
  });

  it('treats 0-decimal currencies as whole units (JPY 1500 is 1500, not 150000)', () => {
    expect(toMoney(1500, 'jpy')).toEqual({ amount: 1500, currency: 'JPY' });
    expect(toMajor({ amount: 1500, currency: 'JPY' })).toBe('1500');
  });

  it('keeps three decimals for 3-decimal currencies', () => {
    expect(toMoney('12.345', 'bhd')).toEqual({ amount: 12345, currency: 'BHD' });
    expect(toMajor({ amount: 12345, currency: 'BHD' })).toBe('12.345');
  });

  it("rounds extra precision half-up like Medusa's payment module", () => {
    expect(toMoney('10.005', 'eur').amount).toBe(1001);
    expect(toMoney('10.004', 'eur').amount).toBe(1000);
  });

  it('refuses a negative amount with a typed error', () => {
    expect(() => toMoney(-1, 'eur')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it('round-trips minor units to major units', () => {
    expect(toMajor({ amount: 3525, currency: 'EUR' })).toBe('35.25');
    expect(toMoney(toMajor({ amount: 7, currency: 'EUR' }), 'EUR').amount).toBe(7);
  });
});
