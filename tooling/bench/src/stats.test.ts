import { describe, expect, it } from 'vitest';
import { percentile, summarize } from './stats.ts';

describe('percentile', () => {
  it('uses nearest rank so p50 of 1..10 is 5 and p95 is 10', () => {
    const s = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    expect(percentile(s, 50)).toBe(5);
    expect(percentile(s, 95)).toBe(10);
  });
  it('is NaN for an empty sample rather than a misleading zero', () => {
    expect(summarize([]).p50).toBeNaN();
  });
});
