import { callerError } from './errors.ts';

/** A held place in a client's quota: commit it with the checkout's id, or release it if the start failed. */
export interface QuotaSlot {
  commit(checkoutId: string): void;
  release(): void;
}

/** Live (unfinished) checkouts per client, so a few anonymous calls cannot take every spot of the shop. */
export interface LiveQuota {
  /** Holds a place for a new checkout, or throws CHECKOUT_LIMIT_REACHED. */
  acquire(client: string, isLive: (checkoutId: string) => Promise<boolean>): Promise<QuotaSlot>;
}

const MAX_CLIENTS = 10_000;

/**
 * At most `max` live checkouts per client. What is live is asked of the checkout service each time, so a
 * checkout that ended (paid, expired, cancelled) frees its place without any bookkeeping here.
 */
export function createLiveQuota(max: number): LiveQuota {
  const byClient = new Map<string, { ids: string[]; pending: number }>();
  return {
    async acquire(client, isLive) {
      const entry = byClient.get(client) ?? { ids: [], pending: 0 };
      const live = await Promise.all(entry.ids.map(async (id) => ((await isLive(id)) ? id : undefined)));
      // Checked and counted synchronously after the await, so two concurrent starts cannot both pass.
      entry.ids = entry.ids.filter((id) => live.includes(id));
      if (entry.ids.length + entry.pending >= max) {
        throw callerError(
          'CHECKOUT_LIMIT_REACHED',
          `You already have ${max} checkout${max === 1 ? '' : 's'} in progress; pay or cancel one first.`,
          { limit: max },
        );
      }
      entry.pending++;
      byClient.delete(client);
      if (byClient.size >= MAX_CLIENTS) byClient.delete(byClient.keys().next().value as string);
      byClient.set(client, entry);
      let done = false;
      const finish = () => {
        if (done) return false;
        done = true;
        entry.pending--;
        return true;
      };
      return {
        // A start that returned a checkout the client already holds (the same cart again) holds one place.
        commit: (id) => {
          if (finish() && !entry.ids.includes(id)) entry.ids.push(id);
        },
        release: () => {
          finish();
        },
      };
    },
  };
}
