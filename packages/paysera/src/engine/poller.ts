import type { RequestBudget } from './budget.ts';

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
  /**
   * How far before the oldest live checkout the transaction list reaches (`from`), to absorb clock skew
   * between this host and the Wallet. @default 600
   */
  listSlackSeconds?: number;
  /** @deprecated Ignored: rejections are seen by the batched transaction list every poll, not by single reads. */
  reconcileIntervalMs?: number;
  /** @deprecated Ignored: the engine no longer reads transactions one by one to find rejections. */
  reconcilesPerRound?: number;
}

export type ResolvedPolling = Required<Omit<PollingOptions, 'reconcileIntervalMs' | 'reconcilesPerRound'>>;

export function resolvePolling(o: PollingOptions = {}): ResolvedPolling {
  return {
    fastIntervalMs: o.fastIntervalMs ?? 400,
    idleIntervalMs: o.idleIntervalMs ?? 1000,
    maxIdleIntervalMs: o.maxIdleIntervalMs ?? 15_000,
    locationsPerRequest: o.locationsPerRequest ?? 50,
    reservedTokens: o.reservedTokens ?? 2,
    listSlackSeconds: o.listSlackSeconds ?? 600,
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
