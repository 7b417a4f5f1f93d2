import { describe, expect, it } from 'vitest';
import { minor } from './backend.ts';
import { digitsOf, toMinor } from './money.ts';

describe('toMinor', () => {
  it('converts major units exactly from their decimal text', () => {
    expect(toMinor(4.5, 'EUR')).toBe(450);
    expect(toMinor(7.44, 'EUR')).toBe(744);
    // 0.1 + 0.2 style values: 1.005 * 100 is 100.49999… as a float; the text says 1.005.
    expect(toMinor(1.005, 'EUR')).toBe(101);
    expect(toMinor('19.56', 'EUR')).toBe(1956);
    expect(toMinor(0, 'EUR')).toBe(0);
    expect(toMinor(1000, 'JPY')).toBe(1000);
    expect(toMinor('1.2345', 'BHD')).toBe(1235);
  });
  it('rounds half-up at the currency precision', () => {
    expect(toMinor(5.988, 'EUR')).toBe(599);
    expect(toMinor(5.984, 'EUR')).toBe(598);
    expect(toMinor('1000.5', 'JPY')).toBe(1001);
  });
  it('refuses what is not a plain non-negative amount', () => {
    for (const bad of [-1, 1e21, 1e-7, Number.NaN, '', '1,5', '1.2.3'])
      expect(() => toMinor(bad, 'EUR')).toThrow(/amount/);
    expect(() => toMinor('90071992547409.92', 'EUR')).toThrow(/too large/);
  });
  it('knows the minor digits of 0-, 2- and 3-digit currencies', () => {
    expect([digitsOf('JPY'), digitsOf('EUR'), digitsOf('BHD')]).toEqual([0, 2, 3]);
  });
});

describe('minor', () => {
  it('formats minor units with the currency digits', () => {
    expect(minor(1956, 'EUR').formatted).toBe('19.56');
    expect(minor(5, 'EUR').formatted).toBe('0.05');
    expect(minor(-5, 'EUR').formatted).toBe('-0.05');
    expect(minor(1000, 'JPY', 0).formatted).toBe('1000');
    expect(minor(1235, 'BHD', 3).formatted).toBe('1.235');
  });
});
