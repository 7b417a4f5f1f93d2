import { describe, expect, it } from 'vitest';
import { createTokenBucket } from './budget.ts';
import { createPollState, observe } from './observe.ts';
import { resolvePolling } from './poller.ts';
import { createFakeWallet } from './testing/fake-wallet.ts';
import type { Checkout } from './types.ts';
import { withBudget } from './wallet-budget.ts';

const polling = resolvePolling();

function checkout(id: string, status: Checkout['status'], transactionKey: string, now: number): Checkout {
  return {
    id,
    orderId: id,
    locationId: 1,
    spotId: 1001,
    spotIdentifier: 't1',
    qr: 'PAYSERA*1:t1',
    amount: { amount: 100, currency: 'EUR' },
    description: 'x',
    status,
    transactionKey,
    confirmAttempts: 0,
    spotClosed: false,
    createdAt: now,
    updatedAt: now,
    expiresAt: now + 300_000,
    version: 1,
  };
}

/** A budget with room for exactly one poll above the default reserve, refilled by one token a second. */
function onePollBudget(clock: () => number) {
  return createTokenBucket({ requestsPerMinute: 60, burst: polling.reservedTokens + 1, clock });
}

describe('batched observation', () => {
  it('gives the transaction list its turn when the budget affords one poll per round and the spots poll ran last', async () => {
    let now = 1_700_000_000_000;
    const clock = () => now;
    const fake = createFakeWallet(1, 2, clock);
    const budget = onePollBudget(clock);
    const wallet = withBudget(fake, budget, () => {});
    const scanning = checkout('S', 'awaiting_scan', 'k-s', now);
    const attached = checkout('A', 'order_attached', 'k-a', now);
    const state = createPollState();
    for (let round = 0; round < 4; round++) {
      await observe([scanning, attached], wallet, budget, polling, now, state);
      now += 1000;
    }
    expect(fake.calls).toEqual([
      'listWaitingSpots',
      'listTransactions',
      'listWaitingSpots',
      'listTransactions',
    ]);
  });

  it('resumes a transaction list the budget cut short on the next round, so later pages are not starved', async () => {
    let now = 1_700_000_000_000;
    const clock = () => now;
    const fake = createFakeWallet(1, 1, clock);
    const keys: string[] = [];
    for (let i = 0; i < 201; i++) {
      const tx = await fake.createTransaction({
        payments: [{ description: 'x', price: 100, currency: 'EUR', parameters: { orderid: `o${i}` } }],
      });
      await fake.revokeTransaction(tx.transaction_key);
      keys.push(tx.transaction_key);
    }
    fake.calls.length = 0;
    const budget = onePollBudget(clock);
    const wallet = withBudget(fake, budget, () => {});
    const last = checkout('L', 'order_attached', keys[200] as string, now);
    const state = createPollState();
    const first = await observe([last], wallet, budget, polling, now, state);
    expect(first.get('L')?.transactionStatus).toBeUndefined();
    now += 1000;
    const second = await observe([last], wallet, budget, polling, now, state);
    expect(second.get('L')?.transactionStatus).toBe('revoked');
    expect(fake.calls).toEqual(['listTransactions', 'listTransactions']);
  });
});
