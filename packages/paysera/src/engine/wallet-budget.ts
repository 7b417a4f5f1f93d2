import type { RequestBudget } from './budget.ts';
import type { WalletPort } from './wallet-port.ts';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Wraps a WalletPort so each call first waits for a budget token, then counts itself. */
export function withBudget(port: WalletPort, budget: RequestBudget, onRequest: () => void): WalletPort {
  const spend = async () => {
    while (!(await budget.tryTake())) await sleep(Math.max(1, await budget.msUntilToken()));
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
