import { toTillKitError } from '@tillkit/models';
import type { Checkout } from '@tillkit/paysera';
import type { ServiceContext } from './records.ts';

// A shopper who scans a table and walks away leaves its spot `waiting` with no checkout behind it, and
// nothing else would ever free it: a table blocked for good, for free. The leader sweeps the location
// now and then and closes spots that have waited longer than the grace period with no live attempt on
// them. First sightings live in the store, so a new leader continues the count instead of restarting it.

interface Seen {
  /** spot id → when it was first seen waiting with no live attempt (unix ms). */
  spots: Record<string, number>;
}

const SEEN = 'spots:waiting-unclaimed';

export interface SpotReclaimOptions {
  /** How long a spot may wait with no attempt before it is closed. @default 300000 (5 min) */
  graceMs: number;
  /** Time between sweeps (one Wallet request each). @default 60000 */
  intervalMs: number;
}

export function createSpotReclaimer(ctx: ServiceContext, options: SpotReclaimOptions) {
  let nextAt = 0;
  return async function sweep(): Promise<number> {
    const now = ctx.clock();
    if (now < nextAt) return 0;
    nextAt = now + options.intervalMs;
    try {
      const waiting = await ctx.wallet.listWaitingSpots([ctx.locationId]);
      const seenDoc = await ctx.store.get<Seen>('meta', SEEN);
      const seen: Record<string, number> = {};
      let closed = 0;
      for (const spot of waiting) {
        if (spot.status !== 'waiting' || (await claimedByLiveCheckout(ctx, spot.id))) continue;
        const first = seenDoc?.value.spots[String(spot.id)] ?? now;
        if (now - first < options.graceMs) {
          seen[String(spot.id)] = first;
          continue;
        }
        await ctx.wallet.closeSpot(spot.id);
        ctx.logger.info?.('closed a spot nobody checked out', { spotId: spot.id, waitedMs: now - first });
        closed++;
      }
      await ctx.store.commit({
        writes: [
          { collection: 'meta', id: SEEN, expectVersion: seenDoc?.version ?? 0, value: { spots: seen } },
        ],
      });
      return closed;
    } catch (error) {
      const e = toTillKitError(error);
      ctx.logger.warn?.('spot sweep failed; next sweep retries', { code: e.code });
      return 0;
    }
  };
}

async function claimedByLiveCheckout(ctx: ServiceContext, spotId: number): Promise<boolean> {
  const claim = await ctx.store.get<{ holder: string; at: number }>(
    'spots',
    `spot:${ctx.locationId}:${spotId}`,
  );
  if (!claim) return false;
  const holder = await ctx.store.get<Checkout>('checkouts', claim.value.holder);
  // A claim whose checkout is not written yet belongs to a start in progress (for a minute at most).
  return holder ? holder.tag === 'live' : ctx.clock() - claim.value.at < 60_000;
}
