import { randomUUID } from 'node:crypto';
import type { Checkout, Lock, PaymentStore } from '@tillkit/paysera';
import type { CheckoutStore, NewEvent, NewJob } from './store/port.ts';

// The engine's PaymentStore and Lock over the service's one CheckoutStore. Every checkout write goes
// through `commit`, and the outbox rides on it: the write that records a payment as confirmed also records
// its receipt job and its event, atomically, in whichever process made it.

/** What a status change of an engine checkout adds to the same commit. */
export type TransitionHook = (
  previous: Checkout,
  next: Checkout,
) => Promise<{ jobs?: NewJob[]; events?: NewEvent[] }> | { jobs?: NewJob[]; events?: NewEvent[] };

const LIVE = 'live';
const UNWRITTEN_CLAIM_MS = 60_000;

export function createEnginePaymentStore(store: CheckoutStore, onTransition: TransitionHook): PaymentStore {
  return {
    async get(id) {
      return (await store.get<Checkout>('checkouts', id))?.value;
    },
    async insert(checkout) {
      const created = await store.commit({
        writes: [{ collection: 'checkouts', id: checkout.id, expectVersion: 0, value: checkout, tag: LIVE }],
      });
      if (created) return { checkout, created: true };
      const existing = await store.get<Checkout>('checkouts', checkout.id);
      return { checkout: existing?.value ?? checkout, created: false };
    },
    async replace(next) {
      // The engine's own version counter mirrors the document's: both start at 1 and move together.
      const current = await store.get<Checkout>('checkouts', next.id);
      if (!current || current.value.version !== next.version - 1) return false;
      const extra = current.value.status === next.status ? {} : await onTransition(current.value, next);
      return store.commit({
        writes: [
          {
            collection: 'checkouts',
            id: next.id,
            expectVersion: current.version,
            value: next,
            tag: current.tag,
          },
        ],
        ...extra,
      });
    },
    async listLive() {
      return (await store.list<Checkout>('checkouts', LIVE)).map((d) => d.value);
    },
    async retire(id) {
      for (let i = 0; i < 5; i++) {
        const current = await store.get<Checkout>('checkouts', id);
        if (!current || current.tag !== LIVE) return;
        const ok = await store.commit({
          writes: [
            { collection: 'checkouts', id, expectVersion: current.version, value: current.value, tag: null },
          ],
        });
        if (ok) return;
      }
    },
    async claimSpot(spotKey, checkoutId) {
      const id = `spot:${spotKey}`;
      const current = await store.get<{ holder: string; at: number }>('spots', id);
      if (current) {
        if (current.value.holder === checkoutId) return true;
        // A holder that is no longer live frees the spot; one not written yet (its start is between the claim
        // and the insert) holds it for a while, and a start that crashed there lets it go after that.
        const holder = await store.get<Checkout>('checkouts', current.value.holder);
        if (holder ? holder.tag === LIVE : Date.now() - current.value.at < UNWRITTEN_CLAIM_MS) return false;
      }
      return store.commit({
        writes: [
          {
            collection: 'spots',
            id,
            expectVersion: current?.version ?? 0,
            value: { holder: checkoutId, at: Date.now() },
          },
        ],
      });
    },
    async releaseSpot(spotKey, checkoutId) {
      const id = `spot:${spotKey}`;
      const current = await store.get<{ holder: string; at: number }>('spots', id);
      if (current?.value.holder !== checkoutId) return;
      await store.commit({
        writes: [{ collection: 'spots', id, expectVersion: current.version, value: null }],
      });
    },
  };
}

/** The engine's per-checkout Lock as named leases in the store: a killed worker's lock expires with its TTL. */
export function createStoreLock(store: CheckoutStore, clock: () => number): Lock {
  return {
    async acquire(key, ttlMs) {
      const name = `lock:${key}`;
      const owner = randomUUID();
      if (!(await store.lease(name, owner, ttlMs, clock()))) return undefined;
      return { release: () => store.releaseLease(name, owner) };
    },
  };
}
