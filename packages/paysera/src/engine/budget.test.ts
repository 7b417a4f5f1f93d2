import { describe, expect, it } from 'vitest';
import { createTokenBucket } from './budget.ts';

describe('createTokenBucket', () => {
  it('allows the burst at once, then one request per refill interval', () => {
    let now = 0;
    const bucket = createTokenBucket({ requestsPerMinute: 60, burst: 3, clock: () => now });
    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(bucket.msUntilToken()).toBe(1000);
    now = 999;
    expect(bucket.tryTake()).toBe(false);
    now = 1000;
    expect(bucket.tryTake()).toBe(true);
  });

  it('never holds more than its burst, however long it idles', () => {
    let now = 0;
    const bucket = createTokenBucket({ requestsPerMinute: 600, burst: 5, clock: () => now });
    now = 3_600_000;
    expect(bucket.available()).toBe(5);
  });
});
