/** What the watcher needs from the resolvers; kept abstract so it can be read (and tested) on its own. */
export interface WatchDeps<C extends { id: string; status: string; receipt: string }> {
  /** The checkout as it is now (a fresh object, so its receipt is looked up again), or undefined if gone. */
  refresh(id: string): Promise<C | undefined>;
  /** The polling contract's wait; 0 once settled. */
  pollAfter(c: C): number;
  onError(error: unknown): void;
}

// A stream that keeps failing ends, rather than polling a broken service forever.
const MAX_CONSECUTIVE_FAILURES = 5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The subscription behind `Subscription.tillkitCheckoutStatus`: the polling contract run on the server.
 * Yields the checkout now and again each time its status or receipt state changes; ends once settled.
 */
export async function* watchCheckout<C extends { id: string; status: string; receipt: string }>(
  first: C,
  deps: WatchDeps<C>,
): AsyncGenerator<C> {
  let current = first;
  const fingerprint = (c: C) => `${c.status}|${c.receipt}`;
  let last = fingerprint(current);
  yield current;
  let failures = 0;
  for (let wait = deps.pollAfter(current); wait > 0; ) {
    await sleep(wait);
    try {
      const next = await deps.refresh(current.id);
      if (!next) return;
      current = next;
      wait = deps.pollAfter(current);
      failures = 0;
      if (fingerprint(current) !== last) {
        last = fingerprint(current);
        yield current;
      }
    } catch (error) {
      deps.onError(error);
      if (++failures >= MAX_CONSECUTIVE_FAILURES) throw error;
    }
  }
}
