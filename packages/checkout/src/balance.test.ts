import { describe, expect, it } from 'vitest';
import { balanceSnapshot } from './balance.ts';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const snapshot = () => ({
  lines: [
    { description: 'Tea', quantity: 3, unitPrice: 367, vatRate: 10 },
    { description: 'Cake', quantity: 1, unitPrice: 450, vatRate: 10, discount: 50 },
  ],
  shipping: [{ description: 'Post', amount: 500, vatRate: 20 }],
  buyer: { email: 'ada@example.test' },
});
const total = (s: ReturnType<typeof balanceSnapshot>) =>
  s.lines.reduce((t, l) => t + l.unitPrice * l.quantity - (l.discount ?? 0), 0) +
  (s.shipping ?? []).reduce((t, x) => t + x.amount, 0);

describe('balanceSnapshot', () => {
  it('leaves a snapshot that adds up alone (a copy, the input untouched)', () => {
    const input = snapshot();
    const out = balanceSnapshot(input, eur(2001));
    expect(out).toEqual(input);
    expect(out.lines[0]).not.toBe(input.lines[0]);
  });

  it('puts a rounding difference of up to a minor unit per line into the largest line’s discount', () => {
    const input = snapshot();
    const out = balanceSnapshot(input, eur(1999));
    expect(total(out)).toBe(1999);
    expect(out.lines[0]).toMatchObject({ description: 'Tea', discount: 2 });
    expect(out.lines[1]).toEqual(input.lines[1]);
    expect(input.lines[0]).not.toHaveProperty('discount');
  });

  it('takes a difference the other way off an existing discount, dropping it at zero', () => {
    const s = snapshot();
    s.lines[0] = { ...s.lines[0]!, discount: 1 };
    const out = balanceSnapshot(s, eur(2001));
    expect(total(out)).toBe(2001);
    expect(out.lines[0]).not.toHaveProperty('discount');
  });

  it('refuses a payment further off than the lines can explain, or one the discount cannot absorb', () => {
    for (const amount of [1990, 2010, 2002]) {
      expect(() => balanceSnapshot(snapshot(), eur(amount))).toThrow(
        expect.objectContaining({
          code: 'VALIDATION_FAILED',
          issues: [expect.objectContaining({ path: 'amount' })],
        }),
      );
    }
  });
});
