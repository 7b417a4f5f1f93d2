import { randomUUID } from 'node:crypto';
import { toTillKitError } from '@tillkit/models';
import type { ServiceContext } from './records.ts';
import type { CheckoutEvent, CheckoutEventType } from './types.ts';

// Durable event delivery: each consumer's position is a document in the store, moved only after its
// handler succeeded, so every event reaches every consumer at least once, in order, across restarts. A
// lease per consumer keeps two processes with the same consumer from delivering in parallel.

type Handler = (event: CheckoutEvent) => Promise<void>;

export function createEventBus(ctx: ServiceContext, leaseMs: number) {
  const subscribers = new Map<string, Handler>();
  const owner = randomUUID();
  const cursorId = (consumer: string) => `cursor:${consumer}`;

  const read = async (after: number, limit: number): Promise<CheckoutEvent[]> =>
    (await ctx.store.events(after, limit)).map((e) => ({ ...e, type: e.type as CheckoutEventType }));

  const deliverTo = async (consumer: string, handler: Handler): Promise<number> => {
    if (!(await ctx.store.lease(`consumer:${consumer}`, owner, leaseMs, ctx.clock()))) return 0;
    const cursor = await ctx.store.get<{ seq: number }>('meta', cursorId(consumer));
    let version = cursor?.version ?? 0;
    let seq = cursor?.value.seq ?? 0;
    let delivered = 0;
    for (const event of await read(seq, 100)) {
      try {
        await handler(event);
      } catch (error) {
        const e = toTillKitError(error);
        ctx.logger.warn?.('event handler failed; redelivered next round', {
          consumer,
          key: event.key,
          code: e.code,
        });
        break;
      }
      seq = event.seq;
      const moved = await ctx.store.commit({
        writes: [{ collection: 'meta', id: cursorId(consumer), expectVersion: version, value: { seq } }],
      });
      if (!moved) break;
      version++;
      delivered++;
    }
    return delivered;
  };

  return {
    read,
    subscribe(consumer: string, handler: Handler): () => void {
      subscribers.set(consumer, handler);
      return () => {
        subscribers.delete(consumer);
        void ctx.store.releaseLease(`consumer:${consumer}`, owner);
      };
    },
    /** Delivers pending events to this process's subscribers; returns how many were delivered. */
    async deliver(): Promise<number> {
      let n = 0;
      for (const [consumer, handler] of subscribers) n += await deliverTo(consumer, handler);
      return n;
    },
    get hasSubscribers() {
      return subscribers.size > 0;
    },
  };
}
