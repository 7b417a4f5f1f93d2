import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTokenBucket } from './budget.ts';
import { createScanAndPayEngine } from './engine.ts';
import { createFakeWallet } from './testing/fake-wallet.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const eur = { amount: 100, currency: 'EUR' };

function maxInWindow(times: readonly number[], windowMs: number): number {
  let max = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while ((times[end] as number) - (times[start] as number) >= windowMs) start++;
    max = Math.max(max, end - start + 1);
  }
  return max;
}

describe('poller', () => {
  it('covers the waiting spots of many locations with one request per round', async () => {
    const wallet = createFakeWallet(20, 2);
    const engine = createScanAndPayEngine({ wallet, budget: createTokenBucket({ requestsPerMinute: 6000 }) });
    for (let l = 1; l <= 20; l++) {
      await engine.startCheckout({
        orderId: `o${l}`,
        locationId: l,
        spotId: l * 1000 + 1,
        amount: eur,
        description: 'x',
      });
    }
    await engine.tick();
    wallet.calls.length = 0;
    await engine.tick();
    expect(wallet.calls).toEqual(['listWaitingSpots']);
  });

  it('sends no Wallet request while nothing is live and backs off its wake-ups', async () => {
    const wallet = createFakeWallet(1, 1);
    const engine = createScanAndPayEngine({
      wallet,
      polling: { idleIntervalMs: 1000, maxIdleIntervalMs: 8000 },
    });
    const ticks = vi.spyOn(engine, 'tick');
    engine.start();
    await vi.advanceTimersByTimeAsync(60_000);
    await engine.stop();
    expect(wallet.requestTimes).toHaveLength(0);
    // 1 + 2 + 4 + 8 + 8… seconds: far fewer wake-ups than a fixed 1 s loop.
    expect(ticks.mock.calls.length).toBeLessThan(15);
  });

  it('never exceeds the request budget in any window, however many checkouts are live', async () => {
    const wallet = createFakeWallet(50, 10);
    const engine = createScanAndPayEngine({
      wallet,
      budget: createTokenBucket({ requestsPerMinute: 100, burst: 10 }),
      polling: {
        fastIntervalMs: 250,
        locationsPerRequest: 5,
      },
    });
    engine.start();
    // Starting a checkout reads the location's spots, which spends budget too: start them while time runs.
    // Steps of the checkouts already started compete for the same tokens (they no longer queue under their
    // lock), so the 50 starts take about a minute of budget.
    const started = Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        engine.startCheckout({
          orderId: `b${i + 1}`,
          locationId: i + 1,
          spotId: (i + 1) * 1000 + 1,
          amount: eur,
          description: 'x',
        }),
      ),
    );
    await vi.advanceTimersByTimeAsync(60_000);
    await started;
    for (let minute = 0; minute < 2; minute++) {
      for (let l = 1 + minute * 25; l <= 25 + minute * 25; l++) wallet.scan(l * 1000 + 1);
      await vi.advanceTimersByTimeAsync(60_000);
    }
    await engine.stop();
    expect(wallet.requestTimes.length).toBeGreaterThan(150);
    // Token bucket: at most burst + rate × window requests in any window.
    expect(maxInWindow(wallet.requestTimes, 60_000)).toBeLessThanOrEqual(110);
    expect(maxInWindow(wallet.requestTimes, 6_000)).toBeLessThanOrEqual(20);
  });

  it('polls only the lists that some live checkout needs', async () => {
    const wallet = createFakeWallet(2, 2);
    const engine = createScanAndPayEngine({ wallet, budget: createTokenBucket({ requestsPerMinute: 6000 }) });
    await engine.startCheckout({ orderId: 'p1', locationId: 1, spotId: 1001, amount: eur, description: 'x' });
    await engine.tick();
    wallet.scan(1001);
    await engine.tick();
    wallet.calls.length = 0;
    await engine.tick();
    expect(wallet.calls).toEqual(['listTransactions']);
  });
});
