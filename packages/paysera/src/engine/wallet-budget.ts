import { TillKitError } from '@tillkit/models';
import type { RequestBudget } from './budget.ts';
import type { WalletPort } from './wallet-port.ts';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Wraps a WalletPort so each call first waits for a budget token, then counts itself. A wait longer than
 * `maxWaitMs` is not waited out: the call fails with a retryable RATE_LIMITED, so a step never holds its
 * checkout lock past the lock's TTL while the budget is exhausted (another worker could take it over).
 */
export function withBudget(
  port: WalletPort,
  budget: RequestBudget,
  onRequest: () => void,
  maxWaitMs = Number.POSITIVE_INFINITY,
): WalletPort {
  const spend = async () => {
    let waited = 0;
    while (!(await budget.tryTake())) {
      const wait = Math.max(1, await budget.msUntilToken());
      if (waited + wait > maxWaitMs)
        throw new TillKitError('RATE_LIMITED', 'Wallet request budget exhausted; deferred to a later round', {
          retryable: true,
        });
      waited += wait;
      await sleep(wait);
    }
    onRequest();
  };
  const wrap =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await spend();
      return fn(...args);
    };
  return {
    listWaitingSpots: wrap((ids) => port.listWaitingSpots(ids)),
    getSpot: wrap((id) => port.getSpot(id)),
    listLocationSpots: wrap((id) => port.listLocationSpots(id)),
    listTransactions: wrap((q) => port.listTransactions(q)),
    getTransaction: wrap((k) => port.getTransaction(k)),
    createTransaction: wrap((i, s) => port.createTransaction(i, s)),
    attachOrder: wrap((spot, k) => port.attachOrder(spot, k)),
    confirmTransaction: wrap((k, s, prices) => port.confirmTransaction(k, s, prices)),
    revokeTransaction: wrap((k) => port.revokeTransaction(k)),
    cancelPayment: wrap((id) => port.cancelPayment(id)),
    finalizePayment: wrap((id, price) => port.finalizePayment(id, price)),
    closeSpot: wrap((id) => port.closeSpot(id)),
  };
}
