import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import { parseJsonLossless, stringifyJsonLossless } from '@tillkit/models';
import type { Batch, CheckoutStore, Doc, Job, JobOutcome, StoredEvent } from './port.ts';

/** Options of {@link createSqliteCheckoutStore}. */
export interface SqliteCheckoutStoreOptions {
  /** A file path (`./tillkit.sqlite`) or `:memory:`. Several processes on one host may share a file. */
  path: string;
  /** How long a write waits for another process's write to finish. @default 5000 */
  busyTimeoutMs?: number;
}

const schema = `
  CREATE TABLE IF NOT EXISTS tk_docs (collection TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL,
    tag TEXT, value TEXT NOT NULL, PRIMARY KEY (collection, id));
  CREATE INDEX IF NOT EXISTS tk_docs_tag ON tk_docs (collection, tag) WHERE tag IS NOT NULL;
  CREATE TABLE IF NOT EXISTS tk_jobs (key TEXT PRIMARY KEY, kind TEXT NOT NULL, payload TEXT NOT NULL,
    run_at INTEGER NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL, last_error TEXT,
    lease_owner TEXT, lease_until INTEGER, updated_at INTEGER NOT NULL);
  CREATE INDEX IF NOT EXISTS tk_jobs_due ON tk_jobs (state, run_at);
  CREATE TABLE IF NOT EXISTS tk_events (seq INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL, attempt_id TEXT NOT NULL, order_ref TEXT NOT NULL, at INTEGER NOT NULL, data TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS tk_leases (name TEXT PRIMARY KEY, owner TEXT NOT NULL, until INTEGER NOT NULL);
`;

type Row = Record<string, SQLInputValue>;

/**
 * The embedded default {@link CheckoutStore}: SQLite through `node:sqlite` (built into Node 22, no native
 * dependency), WAL mode so a worker process and a server process on one host can share the file. Every
 * commit is one `BEGIN IMMEDIATE` transaction, so versions are checked and written under one write lock.
 */
export function createSqliteCheckoutStore(options: SqliteCheckoutStoreOptions): CheckoutStore {
  const db = new DatabaseSync(options.path);
  db.exec(`PRAGMA busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)};`);
  if (options.path !== ':memory:') db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
  db.exec(schema);
  const q = {
    getDoc: db.prepare('SELECT id, version, tag, value FROM tk_docs WHERE collection = ? AND id = ?'),
    listDocs: db.prepare('SELECT id, version, tag, value FROM tk_docs WHERE collection = ? AND tag = ?'),
    version: db.prepare('SELECT version FROM tk_docs WHERE collection = ? AND id = ?'),
    upsertDoc: db.prepare(
      `INSERT INTO tk_docs (collection, id, version, tag, value) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (collection, id) DO UPDATE SET version = excluded.version, tag = excluded.tag, value = excluded.value`,
    ),
    deleteDoc: db.prepare('DELETE FROM tk_docs WHERE collection = ? AND id = ?'),
    insertJob: db.prepare(
      `INSERT INTO tk_jobs (key, kind, payload, run_at, state, attempts, updated_at)
       VALUES (?, ?, ?, ?, 'pending', 0, ?) ON CONFLICT (key) DO NOTHING`,
    ),
    insertEvent: db.prepare(
      `INSERT INTO tk_events (key, type, attempt_id, order_ref, at, data) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (key) DO NOTHING`,
    ),
    dueJobs: db.prepare(
      `SELECT key FROM tk_jobs WHERE state = 'pending' AND run_at <= ? AND COALESCE(lease_until, 0) <= ?
       ORDER BY run_at LIMIT ?`,
    ),
    leaseJob: db.prepare(
      'UPDATE tk_jobs SET lease_owner = ?, lease_until = ?, attempts = attempts + 1, updated_at = ? WHERE key = ?',
    ),
    getJob: db.prepare('SELECT * FROM tk_jobs WHERE key = ?'),
    settleJob: db.prepare(
      `UPDATE tk_jobs SET state = ?, run_at = COALESCE(?, run_at), last_error = COALESCE(?, last_error),
       lease_owner = NULL, lease_until = NULL, updated_at = ? WHERE key = ? AND lease_owner = ?`,
    ),
    events: db.prepare('SELECT * FROM tk_events WHERE seq > ? ORDER BY seq LIMIT ?'),
    takeLease: db.prepare(
      `INSERT INTO tk_leases (name, owner, until) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, until = excluded.until
       WHERE tk_leases.owner = excluded.owner OR tk_leases.until <= ?`,
    ),
    releaseLease: db.prepare('DELETE FROM tk_leases WHERE name = ? AND owner = ?'),
  };

  // One writer at a time across processes: BEGIN IMMEDIATE takes the write lock before reading versions.
  const inTransaction = <T>(fn: () => T): T => {
    db.exec('BEGIN IMMEDIATE');
    try {
      const result = fn();
      db.exec('COMMIT');
      return result;
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  };
  const json = (v: unknown) => stringifyJsonLossless(v);
  const toDoc = (r: Row): Doc => ({
    id: String(r['id']),
    version: Number(r['version']),
    tag: r['tag'] === null ? null : String(r['tag']),
    value: parseJsonLossless(String(r['value'])),
  });
  const toJob = (r: Row): Job => {
    const job: Job = {
      key: String(r['key']),
      kind: String(r['kind']),
      payload: parseJsonLossless(String(r['payload'])),
      runAt: Number(r['run_at']),
      state: String(r['state']) as Job['state'],
      attempts: Number(r['attempts']),
      updatedAt: Number(r['updated_at']),
    };
    if (r['last_error'] !== null) job.lastError = String(r['last_error']);
    if (r['lease_owner'] !== null) job.leaseOwner = String(r['lease_owner']);
    if (r['lease_until'] !== null) job.leaseUntil = Number(r['lease_until']);
    return job;
  };

  return {
    async get(collection, id) {
      const row = q.getDoc.get(collection, id) as Row | undefined;
      return row && (toDoc(row) as never);
    },
    async list(collection, tag) {
      return (q.listDocs.all(collection, tag) as Row[]).map(toDoc) as never;
    },
    async commit(batch: Batch) {
      return inTransaction(() => {
        for (const w of batch.writes ?? []) {
          const row = q.version.get(w.collection, w.id) as Row | undefined;
          if (Number(row?.['version'] ?? 0) !== w.expectVersion) return false;
        }
        const now = Date.now();
        for (const w of batch.writes ?? []) {
          if (w.value === null) q.deleteDoc.run(w.collection, w.id);
          else q.upsertDoc.run(w.collection, w.id, w.expectVersion + 1, w.tag ?? null, json(w.value));
        }
        for (const j of batch.jobs ?? []) q.insertJob.run(j.key, j.kind, json(j.payload), j.runAt, now);
        for (const e of batch.events ?? [])
          q.insertEvent.run(e.key, e.type, e.attemptId, e.orderRef, e.at, json(e.data));
        return true;
      });
    },
    async claimJobs({ now, limit, leaseMs, owner }) {
      return inTransaction(() => {
        const keys = (q.dueJobs.all(now, now, limit) as Row[]).map((r) => String(r['key']));
        for (const key of keys) q.leaseJob.run(owner, now + leaseMs, now, key);
        return keys.map((key) => toJob(q.getJob.get(key) as Row));
      });
    },
    async settleJob(key, owner, outcome: JobOutcome, now) {
      const runAt = outcome.state === 'pending' ? outcome.runAt : null;
      const error = outcome.state === 'done' ? null : outcome.error;
      return Number(q.settleJob.run(outcome.state, runAt, error, now, key, owner).changes) === 1;
    },
    async getJob(key) {
      const row = q.getJob.get(key) as Row | undefined;
      return row && toJob(row);
    },
    async events(after, limit) {
      return (q.events.all(after, limit) as Row[]).map(
        (r): StoredEvent => ({
          seq: Number(r['seq']),
          key: String(r['key']),
          type: String(r['type']),
          attemptId: String(r['attempt_id']),
          orderRef: String(r['order_ref']),
          at: Number(r['at']),
          data: parseJsonLossless(String(r['data'])) as Record<string, unknown>,
        }),
      );
    },
    async lease(name, owner, ttlMs, now) {
      return Number(q.takeLease.run(name, owner, now + ttlMs, now).changes) === 1;
    },
    async releaseLease(name, owner) {
      q.releaseLease.run(name, owner);
    },
    async close() {
      db.close();
    },
  };
}
