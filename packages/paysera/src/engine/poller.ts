import type { RequestBudget } from './budget.ts';
import type { Observation } from './machine.ts';
import type { Checkout } from './types.ts';
import type { WalletPort } from './wallet-port.ts';

/** How the poller paces itself. */
export interface PollingOptions {
  /** Interval between rounds while any checkout is live. @default 400 */
  fastIntervalMs?: number;
  /** First interval once nothing is live; doubles each idle round. Idle rounds send no Wallet request. @default 1000 */
  idleIntervalMs?: number;
  /** Longest idle interval. @default 15000 */
  maxIdleIntervalMs?: number;
  /** Locations per `spots?status=waiting` request. @default 50 */
  locationsPerRequest?: number;
  /** Tokens kept back for side effects (attach, confirm, close): polls run only above this. @default 2 */
  reservedTokens?: number;
  /** How often one order-attached checkout's transaction is read on its own, to see a rejection. @default 5000 */
  reconcileIntervalMs?: number;
  /** Most single-transaction reads per round. @default 2 */
  reconcilesPerRound?: number;
}

export type ResolvedPolling = Required<PollingOptions>;

export function resolvePolling(o: PollingOptions = {}): ResolvedPolling {
  return {
    fastIntervalMs: o.fastIntervalMs ?? 400,
    idleIntervalMs: o.idleIntervalMs ?? 1000,
    maxIdleIntervalMs: o.maxIdleIntervalMs ?? 15_000,
    locationsPerRequest: o.locationsPerRequest ?? 50,
    reservedTokens: o.reservedTokens ?? 2,
    reconcileIntervalMs: o.reconcileIntervalMs ?? 5000,
    reconcilesPerRound: o.reconcilesPerRound ?? 2,
  };
}

/** Adaptive pacing: fast while something is live, exponential back-off while idle, never faster than the budget. */
export class PollSchedule {
  readonly #o: ResolvedPolling;
  readonly #budget: RequestBudget;
  #idleRounds = 0;

  constructor(options: ResolvedPolling, budget: RequestBudget) {
    this.#o = options;
    this.#budget = budget;
  }

  /** Milliseconds until the next round, given how many checkouts the last round saw live. */
  async nextDelay(live: number): Promise<number> {
    if (live > 0) {
      this.#idleRounds = 0;
      return Math.max(this.#o.fastIntervalMs, await this.#budget.msUntilToken());
    }
    const delay = Math.min(this.#o.maxIdleIntervalMs, this.#o.idleIntervalMs * 2 ** this.#idleRounds);
    this.#idleRounds++;
    return delay;
  }

  /** A new checkout arrived: the next idle wait starts short again. */
  reset(): void {
    this.#idleRounds = 0;
  }
}

/**
 * One round of batched observation for every live checkout: one spots request per `locationsPerRequest`
 * locations, one `transactions?status=reserved` listing for all attached orders, and a few single reads
 * to catch rejections. Polls only spend tokens above the reserve kept for side effects.
 */
export async function observe(
  live: readonly Checkout[],
  wallet: WalletPort,
  budget: RequestBudget,
  options: ResolvedPolling,
  now: number,
): Promise<Map<string, Observation>> {
  const result = new Map<string, Observation>();
  const obs = (c: Checkout): Observation => {
    let o = result.get(c.id);
    if (!o) {
      o = { now };
      result.set(c.id, o);
    }
    return o;
  };
  const canPoll = async () => (await budget.available()) >= options.reservedTokens + 1;

  const scanning = live.filter(
    (c) => c.status === 'awaiting_scan' && c.transactionKey !== undefined && now < c.expiresAt,
  );
  const locations = [...new Set(scanning.map((c) => c.locationId))];
  const waiting = new Set<number>();
  for (let i = 0; i < locations.length && (await canPoll()); i += options.locationsPerRequest) {
    const spots = await wallet.listWaitingSpots(locations.slice(i, i + options.locationsPerRequest));
    for (const s of spots) if (s.status === 'waiting') waiting.add(s.id);
  }
  for (const c of scanning) if (waiting.has(c.spotId)) obs(c).spotWaiting = true;

  const attached = live.filter((c) => c.status === 'order_attached');
  if (attached.length > 0 && (await canPoll())) {
    const byKey = new Map(attached.map((c) => [c.transactionKey as string, c]));
    let offset = 0;
    for (;;) {
      const page = await wallet.listTransactions({ status: 'reserved', limit: 200, offset });
      for (const t of page.transactions) {
        const c = byKey.get(t.transaction_key);
        if (c) obs(c).transactionStatus = t.status;
      }
      offset += page.transactions.length;
      if (page.transactions.length === 0 || offset >= page.total || !(await canPoll())) break;
    }
  }

  // Rejections do not show in the reserved list: read the longest-unchecked attached orders one by one, sparingly.
  const stale = attached
    .filter(
      (c) =>
        !result.get(c.id)?.transactionStatus &&
        now - (c.lastReconciledAt ?? c.updatedAt) >= options.reconcileIntervalMs,
    )
    .sort((a, b) => (a.lastReconciledAt ?? a.updatedAt) - (b.lastReconciledAt ?? b.updatedAt))
    .slice(0, options.reconcilesPerRound);
  for (const c of stale) {
    if ((await budget.available()) < options.reservedTokens * 2 + 1) break;
    const t = await wallet.getTransaction(c.transactionKey as string);
    const o = obs(c);
    o.transactionStatus = t.status;
    o.reconciled = true;
  }
  return result;
}
