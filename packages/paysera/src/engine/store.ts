import type { Checkout } from './types.ts';

/**
 * Where checkouts live. Every write is a compare-and-set on `version`, so two workers that read the same
 * checkout cannot both apply a transition. In memory by default; `@tillkit/paysera/redis` shares it.
 */
export interface PaymentStore {
  get(id: string): Promise<Checkout | undefined>;
  /** Inserts the checkout unless one with its id exists; returns whichever is stored. */
  insert(checkout: Checkout): Promise<{ checkout: Checkout; created: boolean }>;
  /** Writes `next` if the stored version is still `next.version - 1`; false if someone else wrote first. */
  replace(next: Checkout): Promise<boolean>;
  /** Checkouts the engine still has work for. */
  listLive(): Promise<Checkout[]>;
  /** Marks a checkout as no longer live (its work is done). */
  retire(id: string): Promise<void>;
  /** Claims a spot for a checkout; false when another live checkout holds it. Idempotent for the same holder. */
  claimSpot(spotKey: string, checkoutId: string): Promise<boolean>;
  releaseSpot(spotKey: string, checkoutId: string): Promise<void>;
}

/** A held lock; release it when done. */
export interface LockHandle {
  release(): Promise<void>;
}

/**
 * Mutual exclusion between workers, with a TTL so a killed worker's lock expires and another resumes the
 * checkout. `acquire` returns undefined (it does not wait) when someone else holds the key.
 */
export interface Lock {
  acquire(key: string, ttlMs: number): Promise<LockHandle | undefined>;
}

/** A {@link PaymentStore} in process memory (one worker, tests). */
export function createMemoryPaymentStore(): PaymentStore {
  const checkouts = new Map<string, Checkout>();
  const live = new Set<string>();
  const spots = new Map<string, string>();
  const copy = (c: Checkout): Checkout => structuredClone(c);
  return {
    async get(id) {
      const c = checkouts.get(id);
      return c && copy(c);
    },
    async insert(checkout) {
      const existing = checkouts.get(checkout.id);
      if (existing) return { checkout: copy(existing), created: false };
      checkouts.set(checkout.id, copy(checkout));
      live.add(checkout.id);
      return { checkout: copy(checkout), created: true };
    },
    async replace(next) {
      const current = checkouts.get(next.id);
      if (!current || current.version !== next.version - 1) return false;
      checkouts.set(next.id, copy(next));
      return true;
    },
    async listLive() {
      return [...live].flatMap((id) => {
        const c = checkouts.get(id);
        return c ? [copy(c)] : [];
      });
    },
    async retire(id) {
      live.delete(id);
    },
    async claimSpot(spotKey, checkoutId) {
      const holder = spots.get(spotKey);
      if (holder !== undefined && holder !== checkoutId) return false;
      spots.set(spotKey, checkoutId);
      return true;
    },
    async releaseSpot(spotKey, checkoutId) {
      if (spots.get(spotKey) === checkoutId) spots.delete(spotKey);
    },
  };
}

/** A {@link Lock} in process memory, honouring the TTL like the Redis one does. */
export function createMemoryLock(clock: () => number = Date.now): Lock {
  const held = new Map<string, { token: symbol; expiresAt: number }>();
  return {
    async acquire(key, ttlMs) {
      const now = clock();
      const current = held.get(key);
      if (current && current.expiresAt > now) return undefined;
      const token = Symbol(key);
      held.set(key, { token, expiresAt: now + ttlMs });
      return {
        async release() {
          if (held.get(key)?.token === token) held.delete(key);
        },
      };
    },
  };
}
