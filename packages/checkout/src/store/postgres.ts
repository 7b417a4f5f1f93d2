// A CheckoutStore over PostgreSQL, for hosts that keep their state there (Medusa): every server and worker
// process of a deployment shares one store, so a payment confirmed by the worker is seen by the API
// process, and a restart loses nothing. It needs only a pg `Pool`-compatible client (`query` plus
// `connect` for the one transaction per commit); the tables are created on first use, idempotently.
// Values are stored as lossless JSON text (64-bit integers and bigints survive), like the SQLite store.
import { parseJsonLossless, stringifyJsonLossless } from '@tillkit/models';
import type {
  Batch,
  CheckoutStore,
  Collection,
  Doc,
  Job,
  JobOutcome,
  JobState,
  StoredEvent,
  Write,
} from './port.ts';

/** What the store needs of a pg client: `pg.Pool` and `pg.PoolClient` both fit. */
export interface PgQueryable {
  query(
    text: string,
    params?: unknown[],
  ): Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }>;
}

/** A pool: plain queries, plus a dedicated connection for a transaction. */
export interface PgPoolLike extends PgQueryable {
  connect(): Promise<PgQueryable & { release(error?: Error | boolean): void }>;
}

export interface PostgresStoreOptions {
  /** A `pg.Pool` (or compatible). The store never ends it: its owner does. */
  pool: PgPoolLike;
  /** Prefix of the four tables (`{prefix}docs`, `jobs`, `events`, `leases`). Letters, digits, `_`. @default 'tillkit_' */
  tablePrefix?: string;
}

/** Postgres error codes a commit answers `false` to (the caller re-reads and retries). */
const conflictCodes = new Set(['40001', '40P01', '23505']);

/** Creates the store; its tables are created (if missing) on the first call. */
export function createPostgresStore(options: PostgresStoreOptions): CheckoutStore {
  const prefix = options.tablePrefix ?? 'tillkit_';
  if (!/^[a-z_][a-z0-9_]*$/i.test(prefix))
    throw new TypeError(`tablePrefix "${prefix}" must be an identifier`);
  const pool = options.pool;
  const t = {
    docs: `${prefix}docs`,
    jobs: `${prefix}jobs`,
    events: `${prefix}events`,
    leases: `${prefix}leases`,
  };
  let ready: Promise<void> | undefined;
  const init = () => {
    ready ??= createTables(pool, t).catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
    return ready;
  };
  const q = async (text: string, params?: unknown[]) => {
    await init();
    return pool.query(text, params);
  };

  return {
    async get<T>(collection: Collection, id: string) {
      const { rows } = await q(
        `SELECT id, version, tag, value FROM ${t.docs} WHERE collection = $1 AND id = $2`,
        [collection, id],
      );
      return rows[0] && toDoc<T>(rows[0]);
    },

    async list<T>(collection: Collection, tag: string) {
      const { rows } = await q(
        `SELECT id, version, tag, value FROM ${t.docs} WHERE collection = $1 AND tag = $2 ORDER BY id`,
        [collection, tag],
      );
      return rows.map((row) => toDoc<T>(row));
    },

    async commit(batch: Batch) {
      await init();
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const ok = await applyBatch(client, t, batch);
        await client.query(ok ? 'COMMIT' : 'ROLLBACK');
        return ok;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: unknown) => {
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        });
        if (conflictCodes.has(pgCode(error))) return false;
        throw error;
      } finally {
        client.release(broken);
      }
    },

    async claimJobs({ now, limit, leaseMs, owner }) {
      const { rows } = await q(
        `UPDATE ${t.jobs} SET lease_owner = $1, lease_until = $2, attempts = attempts + 1, updated_at = $3
         WHERE key IN (
           SELECT key FROM ${t.jobs}
           WHERE state = 'pending' AND run_at <= $3 AND (lease_until IS NULL OR lease_until <= $3)
           ORDER BY run_at, key LIMIT $4 FOR UPDATE SKIP LOCKED)
         RETURNING *`,
        [owner, now + leaseMs, now, limit],
      );
      return rows.map(toJob).sort((a, b) => a.runAt - b.runAt || (a.key < b.key ? -1 : 1));
    },

    async settleJob(key: string, owner: string, outcome: JobOutcome, now: number) {
      const runAt = outcome.state === 'pending' ? outcome.runAt : null;
      const error = outcome.state === 'done' ? null : outcome.error;
      const { rowCount } = await q(
        `UPDATE ${t.jobs} SET state = $3, run_at = COALESCE($4, run_at), last_error = COALESCE($5, last_error),
           lease_owner = NULL, lease_until = NULL, updated_at = $6
         WHERE key = $1 AND lease_owner = $2`,
        [key, owner, outcome.state, runAt, error, now],
      );
      return rowCount === 1;
    },

    async getJob(key: string) {
      const { rows } = await q(`SELECT * FROM ${t.jobs} WHERE key = $1`, [key]);
      return rows[0] && toJob(rows[0]);
    },

    async events(after: number, limit: number) {
      const { rows } = await q(`SELECT * FROM ${t.events} WHERE seq > $1 ORDER BY seq LIMIT $2`, [
        after,
        limit,
      ]);
      return rows.map(toEvent);
    },

    async lease(name: string, owner: string, ttlMs: number, now: number) {
      const { rowCount } = await q(
        `INSERT INTO ${t.leases} (name, owner, until) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, until = EXCLUDED.until
         WHERE ${t.leases}.owner = EXCLUDED.owner OR ${t.leases}.until <= $4`,
        [name, owner, now + ttlMs, now],
      );
      return rowCount === 1;
    },

    async releaseLease(name: string, owner: string) {
      await q(`DELETE FROM ${t.leases} WHERE name = $1 AND owner = $2`, [name, owner]);
    },
  };
}

type Tables = { docs: string; jobs: string; events: string; leases: string };

async function applyBatch(client: PgQueryable, t: Tables, batch: Batch): Promise<boolean> {
  // One order for every writer, so two commits touching the same documents cannot deadlock.
  const writes = [...(batch.writes ?? [])].sort((a, b) => compareKeys(a, b));
  for (const w of writes) if (!(await applyWrite(client, t, w))) return false;
  for (const job of batch.jobs ?? []) {
    await client.query(
      `INSERT INTO ${t.jobs} (key, kind, payload, run_at, state, attempts, updated_at)
       VALUES ($1, $2, $3, $4, 'pending', 0, $4) ON CONFLICT (key) DO NOTHING`,
      [job.key, job.kind, stringifyJsonLossless(job.payload ?? null), job.runAt],
    );
  }
  const events = batch.events ?? [];
  if (events.length > 0) {
    // Sequence numbers must become visible in order: a reader that saw seq 7 must never later find a 6
    // committed by a slower transaction. Writers of events take turns until they commit.
    await client.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [t.events]);
    for (const e of events) {
      await client.query(
        `INSERT INTO ${t.events} (key, type, attempt_id, order_ref, at, data) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (key) DO NOTHING`,
        [e.key, e.type, e.attemptId, e.orderRef, e.at, stringifyJsonLossless(e.data)],
      );
    }
  }
  return true;
}

async function applyWrite(client: PgQueryable, t: Tables, w: Write): Promise<boolean> {
  const key = [w.collection, w.id];
  if (w.value === null) {
    if (w.expectVersion === 0) {
      const { rowCount } = await client.query(
        `SELECT 1 FROM ${t.docs} WHERE collection = $1 AND id = $2`,
        key,
      );
      return rowCount === 0;
    }
    const { rowCount } = await client.query(
      `DELETE FROM ${t.docs} WHERE collection = $1 AND id = $2 AND version = $3`,
      [...key, w.expectVersion],
    );
    return rowCount === 1;
  }
  const value = stringifyJsonLossless(w.value);
  const tag = w.tag ?? null;
  if (w.expectVersion === 0) {
    const { rowCount } = await client.query(
      `INSERT INTO ${t.docs} (collection, id, version, tag, value) VALUES ($1, $2, 1, $3, $4)
       ON CONFLICT (collection, id) DO NOTHING`,
      [...key, tag, value],
    );
    return rowCount === 1;
  }
  const { rowCount } = await client.query(
    `UPDATE ${t.docs} SET version = version + 1, tag = $4, value = $5
     WHERE collection = $1 AND id = $2 AND version = $3`,
    [...key, w.expectVersion, tag, value],
  );
  return rowCount === 1;
}

async function createTables(pool: PgPoolLike, t: Tables): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // Two processes booting at once would race on CREATE TABLE IF NOT EXISTS (a unique violation in
    // pg_type); the lock makes the second wait and then find the tables.
    await client.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`${t.docs}:schema`]);
    await client.query(`CREATE TABLE IF NOT EXISTS ${t.docs} (
      collection text NOT NULL, id text NOT NULL, version integer NOT NULL, tag text, value text NOT NULL,
      PRIMARY KEY (collection, id))`);
    await client.query(
      `CREATE INDEX IF NOT EXISTS ${t.docs}_tag ON ${t.docs} (collection, tag) WHERE tag IS NOT NULL`,
    );
    await client.query(`CREATE TABLE IF NOT EXISTS ${t.jobs} (
      key text PRIMARY KEY, kind text NOT NULL, payload text NOT NULL, run_at bigint NOT NULL,
      state text NOT NULL, attempts integer NOT NULL, last_error text, lease_owner text, lease_until bigint,
      updated_at bigint NOT NULL)`);
    await client.query(
      `CREATE INDEX IF NOT EXISTS ${t.jobs}_due ON ${t.jobs} (run_at) WHERE state = 'pending'`,
    );
    await client.query(`CREATE TABLE IF NOT EXISTS ${t.events} (
      seq bigserial PRIMARY KEY, key text NOT NULL UNIQUE, type text NOT NULL, attempt_id text NOT NULL,
      order_ref text NOT NULL, at bigint NOT NULL, data text NOT NULL)`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${t.leases} (
      name text PRIMARY KEY, owner text NOT NULL, until bigint NOT NULL)`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

function compareKeys(a: Write, b: Write): number {
  const x = `${a.collection}\u0000${a.id}`;
  const y = `${b.collection}\u0000${b.id}`;
  return x < y ? -1 : x > y ? 1 : 0;
}

function pgCode(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : '';
}

function toDoc<T>(row: Record<string, unknown>): Doc<T> {
  return {
    id: String(row['id']),
    version: Number(row['version']),
    tag: (row['tag'] as string | null) ?? null,
    value: parseJsonLossless(String(row['value'])) as T,
  };
}

function toJob(row: Record<string, unknown>): Job {
  const job: Job = {
    key: String(row['key']),
    kind: String(row['kind']),
    payload: parseJsonLossless(String(row['payload'])),
    runAt: Number(row['run_at']),
    state: row['state'] as JobState,
    attempts: Number(row['attempts']),
    updatedAt: Number(row['updated_at']),
  };
  if (row['last_error'] != null) job.lastError = String(row['last_error']);
  if (row['lease_owner'] != null) job.leaseOwner = String(row['lease_owner']);
  if (row['lease_until'] != null) job.leaseUntil = Number(row['lease_until']);
  return job;
}

function toEvent(row: Record<string, unknown>): StoredEvent {
  return {
    seq: Number(row['seq']),
    key: String(row['key']),
    type: String(row['type']),
    attemptId: String(row['attempt_id']),
    orderRef: String(row['order_ref']),
    at: Number(row['at']),
    data: parseJsonLossless(String(row['data'])) as Record<string, unknown>,
  };
}
