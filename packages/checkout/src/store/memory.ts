import type { Batch, CheckoutStore, Collection, Doc, Job, JobOutcome, NewJob, StoredEvent } from './port.ts';

/**
 * A {@link CheckoutStore} in process memory: for tests and throwaway runs only, since everything is gone
 * with the process. The embedded default is the SQLite store (`@tillkit/checkout/sqlite`).
 */
export function createMemoryCheckoutStore(): CheckoutStore {
  const docs = new Map<string, Doc>();
  const jobs = new Map<string, Job>();
  const events: StoredEvent[] = [];
  const eventKeys = new Set<string>();
  const leases = new Map<string, { owner: string; until: number }>();
  const keyOf = (collection: Collection, id: string) => `${collection}\u0000${id}`;
  const copy = <T>(v: T): T => structuredClone(v);

  return {
    async get(collection, id) {
      const d = docs.get(keyOf(collection, id));
      return d && (copy(d) as never);
    },
    async list(collection, tag) {
      const prefix = `${collection}\u0000`;
      const found: Doc[] = [];
      for (const [k, d] of docs) if (k.startsWith(prefix) && d.tag === tag) found.push(copy(d));
      return found as never;
    },
    async commit(batch: Batch) {
      // Check every version first: all or nothing, like a database transaction.
      for (const w of batch.writes ?? []) {
        const current = docs.get(keyOf(w.collection, w.id));
        if ((current?.version ?? 0) !== w.expectVersion) return false;
      }
      for (const w of batch.writes ?? []) {
        const k = keyOf(w.collection, w.id);
        if (w.value === null) docs.delete(k);
        else
          docs.set(k, { id: w.id, version: w.expectVersion + 1, tag: w.tag ?? null, value: copy(w.value) });
      }
      const now = Date.now();
      for (const j of batch.jobs ?? []) if (!jobs.has(j.key)) jobs.set(j.key, newJob(j, now));
      for (const e of batch.events ?? []) {
        if (eventKeys.has(e.key)) continue;
        eventKeys.add(e.key);
        events.push({ ...copy(e), seq: events.length + 1 });
      }
      return true;
    },
    async claimJobs({ now, limit, leaseMs, owner }) {
      const due = [...jobs.values()]
        .filter((j) => j.state === 'pending' && j.runAt <= now && (j.leaseUntil ?? 0) <= now)
        .sort((a, b) => a.runAt - b.runAt)
        .slice(0, limit);
      for (const j of due) {
        j.leaseOwner = owner;
        j.leaseUntil = now + leaseMs;
        j.attempts++;
        j.updatedAt = now;
      }
      return due.map(copy);
    },
    async settleJob(key, owner, outcome: JobOutcome, now) {
      const j = jobs.get(key);
      if (!j || j.leaseOwner !== owner) return false;
      settle(j, outcome, now);
      return true;
    },
    async getJob(key) {
      const j = jobs.get(key);
      return j && copy(j);
    },
    async events(after, limit) {
      return events.slice(after, after + limit).map(copy);
    },
    async lease(name, owner, ttlMs, now) {
      const held = leases.get(name);
      if (held && held.owner !== owner && held.until > now) return false;
      leases.set(name, { owner, until: now + ttlMs });
      return true;
    },
    async releaseLease(name, owner) {
      if (leases.get(name)?.owner === owner) leases.delete(name);
    },
  };
}

export function newJob(j: NewJob, now: number): Job {
  return { ...structuredClone(j), state: 'pending', attempts: 0, updatedAt: now };
}

/** Applies a run's outcome to a job (shared by the stores that keep jobs as whole objects). */
export function settle(j: Job, outcome: JobOutcome, now: number): void {
  j.state = outcome.state;
  j.updatedAt = now;
  delete j.leaseOwner;
  delete j.leaseUntil;
  if (outcome.state === 'pending') j.runAt = outcome.runAt;
  if (outcome.state !== 'done') j.lastError = outcome.error;
}
