import { describe, expect, it } from 'vitest';
import { useSandbox } from '../testing/sandbox.ts';
import { createWalletClient } from '../wallet/client.ts';
import { createScanAndPayEngine, type ScanAndPayEngine } from './engine.ts';
import { resolvePolling } from './poller.ts';
import type { Checkout } from './types.ts';

// The engine under its DEFAULT budget (100 requests/min) and DEFAULT polling, driven round by round on a
// hand-moved clock: each round is one default fast interval later, so "rounds" are what is asserted, not time.

const sandbox = useSandbox({ wallet: { spots: 3 } });

const interval = resolvePolling().fastIntervalMs;

function defaultEngine(): { engine: ScanAndPayEngine; round: () => Promise<void> } {
  const { macId, macKey, projectId } = sandbox().credentials.wallet;
  let now = Date.now();
  const engine = createScanAndPayEngine({
    wallet: createWalletClient({
      credentials: { macId, macKey },
      baseUrl: sandbox().urls.wallet,
      projectId,
      retry: { limit: 0 },
    }),
    projectId,
    clock: () => now,
  });
  return {
    engine,
    round: async () => {
      now += interval;
      await engine.tick();
    },
  };
}

/** Runs rounds until `done` holds for the checkout; returns how many it took (fails after `max`). */
async function roundsUntil(
  engine: ScanAndPayEngine,
  round: () => Promise<void>,
  orderId: string,
  done: (c: Checkout) => boolean,
  max: number,
): Promise<number> {
  for (let n = 1; n <= max; n++) {
    await round();
    const c = await engine.getCheckout(orderId);
    if (c && done(c)) return n;
  }
  throw new Error(
    `${orderId}: not done after ${max} rounds (${(await engine.getCheckout(orderId))?.status})`,
  );
}

describe('rejection detection under the default budget', () => {
  it('ends a rejected order rejected with its spot closed within a few rounds, after the burst is spent, without single reads', async () => {
    const { engine, round } = defaultEngine();
    const { locationId, spots } = sandbox().credentials.wallet;
    const [paying, waiting] = [spots[0], spots[1]];
    if (!paying || !waiting) throw new Error('sandbox seeded too few spots');
    // A second checkout that is never scanned keeps the spots poll busy every round, competing for tokens.
    for (const [orderId, spot] of [
      ['REJ-1', paying],
      ['IDLE-1', waiting],
    ] as const) {
      await engine.startCheckout({
        orderId,
        locationId,
        spotId: spot.id,
        amount: { amount: 700, currency: 'EUR' },
        description: 'x',
      });
    }
    await roundsUntil(engine, round, 'IDLE-1', (c) => c.transactionKey !== undefined, 5);
    await roundsUntil(engine, round, 'REJ-1', (c) => c.transactionKey !== undefined, 5);
    expect(sandbox().control.wallet.scan(paying.code).ok).toBe(true);
    await roundsUntil(engine, round, 'REJ-1', (c) => c.status === 'order_attached', 10);

    // 30 s of polling at the fast interval spends the initial burst: from here on polls live on the refill.
    const before = engine.requestCount;
    for (let i = 0; i < 75; i++) await round();
    expect(engine.requestCount - before).toBeLessThan(75);
    expect((await engine.getCheckout('REJ-1'))?.status).toBe('order_attached');

    sandbox().control.resetStats();
    expect(sandbox().control.wallet.reject(paying.id).ok).toBe(true);
    const rounds = await roundsUntil(engine, round, 'REJ-1', (c) => c.spotClosed, 20);
    // Old engine: a single read every 5 s (12+ rounds) at best, and none at all once the burst was spent.
    expect(rounds).toBeLessThanOrEqual(4);
    const done = await engine.getCheckout('REJ-1');
    expect(done?.status).toBe('rejected');
    const view = sandbox().control.wallet.spot(paying.id);
    expect(view.ok && view.spot.status).toBe('free');
    expect(sandbox().control.count('GET /rest/v1/transaction/*')).toBe(0);
    expect((await engine.getCheckout('IDLE-1'))?.status).toBe('awaiting_scan');
  });
});
