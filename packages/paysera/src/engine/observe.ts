import type { RequestBudget } from './budget.ts';
import type { Observation } from './machine.ts';
import type { ResolvedPolling } from './poller.ts';
import type { Checkout } from './types.ts';
import type { WalletPort } from './wallet-port.ts';

/**
 * Transaction statuses the per-round list asks for: every status that moves an attached order on
 * (`reserved` to confirm, the rest to end it). Pending ones (`new`, `waiting`) are left out, so the list
 * stays short; `from` bounds it to transactions no older than the live checkouts.
 */
export const outcomeStatuses = ['reserved', 'confirmed', 'rejected', 'revoked', 'deleted', 'failed'] as const;

type PollKind = 'spots' | 'transactions';

/** What the poller remembers between rounds, so that no poll (or page of a poll) is starved by another. */
export interface PollState {
  round: number;
  /** Round in which each poll last ran (0 = never): the longest-waiting poll goes first. */
  lastRun: Record<PollKind, number>;
  /** Where each poll resumes when the budget cut its paging short in an earlier round. */
  resume: Record<PollKind, number>;
}

export function createPollState(): PollState {
  return { round: 0, lastRun: { spots: 0, transactions: 0 }, resume: { spots: 0, transactions: 0 } };
}

/**
 * One round of batched observation for every live checkout: one spots request per `locationsPerRequest`
 * locations of checkouts awaiting a scan, and one `transactions?status=reserved,rejected,…` listing (paged)
 * covering every checkout with a transaction. Polls only spend tokens above the reserve kept for side
 * effects; when the budget allows only some of them, the one that waited longest runs first.
 */
export async function observe(
  live: readonly Checkout[],
  wallet: WalletPort,
  budget: RequestBudget,
  options: ResolvedPolling,
  now: number,
  state: PollState = createPollState(),
): Promise<Map<string, Observation>> {
  state.round++;
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
  const pending = live.filter(
    (c) => (c.status === 'awaiting_scan' || c.status === 'order_attached') && c.transactionKey !== undefined,
  );

  // Each poll reads one page from a position and returns where the next page starts (undefined: all read).
  const polls: Record<PollKind, { needed: boolean; page: (from: number) => Promise<number | undefined> }> = {
    spots: {
      needed: locations.length > 0,
      async page(resumeAt) {
        // Fewer locations than when the poll stopped: start over rather than send an empty (unfiltered) list.
        const i = resumeAt < locations.length ? resumeAt : 0;
        const spots = await wallet.listWaitingSpots(locations.slice(i, i + options.locationsPerRequest));
        for (const s of spots) {
          if (s.status !== 'waiting') continue;
          for (const c of scanning) if (c.spotId === s.id) obs(c).spotWaiting = true;
        }
        const next = i + options.locationsPerRequest;
        return next < locations.length ? next : undefined;
      },
    },
    transactions: {
      // Rejections happen after the order is attached; the listing also covers scanning checkouts for free.
      needed: pending.some((c) => c.status === 'order_attached'),
      async page(offset) {
        const byKey = new Map(pending.map((c) => [c.transactionKey as string, c]));
        const oldest = pending.reduce((min, c) => Math.min(min, c.createdAt), now);
        const page = await wallet.listTransactions({
          status: outcomeStatuses.join(','),
          limit: 200,
          offset,
          from: Math.max(0, Math.floor(oldest / 1000) - options.listSlackSeconds),
        });
        for (const t of page.transactions) {
          const c = byKey.get(t.transaction_key);
          if (c) obs(c).transactionStatus = t.status;
        }
        const next = offset + page.transactions.length;
        return page.transactions.length > 0 && next < page.total ? next : undefined;
      },
    },
  };

  const order = (Object.keys(polls) as PollKind[])
    .filter((k) => polls[k].needed)
    .sort((a, b) => state.lastRun[a] - state.lastRun[b]);
  for (const kind of order) {
    if (!(await canPoll())) break;
    state.lastRun[kind] = state.round;
    let at: number | undefined = state.resume[kind];
    // A resumed offset past the end (the answer shrank) is read as an empty page and starts over next round.
    while (at !== undefined) {
      at = await polls[kind].page(at);
      if (at !== undefined && !(await canPoll())) break;
    }
    state.resume[kind] = at ?? 0;
  }
  for (const k of Object.keys(polls) as PollKind[]) if (!polls[k].needed) state.resume[k] = 0;
  return result;
}
