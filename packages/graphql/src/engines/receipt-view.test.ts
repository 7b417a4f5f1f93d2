import { describe, expect, it } from 'vitest';
import { vatOf } from './receipt-view.ts';

describe('vatOf', () => {
  it.each([
    [1200, 20, 200],
    [2490, 10, 226],
    [1000, 13, 115],
    [999, 5.5, 52],
    [0, 20, 0],
    [1, 20, 0],
  ])(
    'finds the VAT inside a gross of %i minor units at %d%% as %i (rounded half up, in integers)',
    (gross, rate, vat) => {
      expect(vatOf(gross, rate)).toBe(vat);
    },
  );

  it('never makes the VAT exceed the gross or go negative', () => {
    for (let gross = 0; gross < 2000; gross += 7)
      for (const rate of [0, 5, 10, 13, 19, 20, 22]) {
        const v = vatOf(gross, rate);
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(gross);
      }
  });
});
