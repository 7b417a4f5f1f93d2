// A CheckoutStore over any TypeORM `DataSource` (sql.js, SQLite, PostgreSQL, MySQL): for hosts whose
// database is TypeORM's (Vendure keeps it in its own database as plugin entities), so every server and
// worker shares the state and a restart loses nothing. `typeorm` is an optional peer of this package.
import { parseJsonLossless, stringifyJsonLossless } from '@tillkit/models';
import { type DataSource, type EntityManager, LessThanOrEqual, MoreThan } from 'typeorm';
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
import {
  type DocRow,
  type JobRow,
  TillKitDoc,
  TillKitEvent,
  TillKitJob,
  TillKitLease,
} from './typeorm-entities.ts';

export {
  checkoutStoreEntities,
  TillKitDoc,
  TillKitEvent,
  TillKitJob,
  TillKitLease,
} from './typeorm-entities.ts';

const conflict = Symbol('version conflict');

/** A duplicate key on PostgreSQL (23505) or SQLite/sql.js (UNIQUE constraint). */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: unknown; driverError?: { code?: unknown }; message?: unknown };
  const code = String(err?.code ?? err?.driverError?.code ?? '');
  return (
    code === '23505' || code.startsWith('SQLITE_CONSTRAINT') || /UNIQUE constraint/.test(String(err?.message))
  );
}

/**
 * The checkout service's storage port over a TypeORM `DataSource` whose entities include
 * {@link checkoutStoreEntities}. One `commit` is one database transaction; compare-and-set is an
 * `UPDATE … WHERE version = expected`; jobs and events are inserted with `ON CONFLICT DO NOTHING` on their keys.
 *
 * @example
 * const db = await new DataSource({ type: 'postgres', url, entities: [...checkoutStoreEntities] }).initialize();
 * const checkout = createCheckoutService({ ...options, store: new TypeOrmCheckoutStore(db) });
 */
export class TypeOrmCheckoutStore implements CheckoutStore {
  // sql.js and SQLite run one connection: two transactions at once would nest and break, so ours queue.
  private readonly serial: boolean;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly db: DataSource;

  constructor(db: DataSource) {
    this.db = db;
    this.serial =
      db.options.type !== 'postgres' && db.options.type !== 'mysql' && db.options.type !== 'mariadb';
  }

  /** Runs `work` alone where the database has one connection (sql.js, SQLite); at once elsewhere. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (!this.serial) return work();
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.exclusive(() => this.db.transaction(work));
  }

  async get<T>(collection: Collection, id: string): Promise<Doc<T> | undefined> {
    const row = await this.db.getRepository(TillKitDoc).findOneBy({ collection, id });
    return row ? toDoc<T>(row) : undefined;
  }

  async list<T>(collection: Collection, tag: string): Promise<Doc<T>[]> {
    const rows = await this.db.getRepository(TillKitDoc).findBy({ collection, tag });
    return rows.map((row) => toDoc<T>(row));
  }

  async commit(batch: Batch): Promise<boolean> {
    try {
      await this.transaction(async (m) => {
        for (const write of batch.writes ?? []) if (!(await applyWrite(m, write))) throw conflict;
        const jobs = (batch.jobs ?? []).map((j) => ({
          ...j,
          payload: stringifyJsonLossless(j.payload),
          state: 'pending',
          attempts: 0,
          updatedAt: j.runAt,
        }));
        if (jobs.length > 0)
          await m.createQueryBuilder().insert().into(TillKitJob).values(jobs).orIgnore().execute();
        const events = (batch.events ?? []).map((e) => ({ ...e, data: stringifyJsonLossless(e.data) }));
        if (events.length === 0) return;
        // A sequence hands out seq before commit; serialising the appends keeps seq order = commit order,
        // so a reader at `seq > n` never skips an event that commits late.
        if (this.db.options.type === 'postgres') await m.query('SELECT pg_advisory_xact_lock(71512026)');
        await m.createQueryBuilder().insert().into(TillKitEvent).values(events).orIgnore().execute();
      });
      return true;
    } catch (e) {
      if (e === conflict || isUniqueViolation(e)) return false;
      throw e;
    }
  }

  claimJobs(o: { now: number; limit: number; leaseMs: number; owner: string }): Promise<Job[]> {
    return this.transaction(async (m) => {
      let query = m
        .getRepository(TillKitJob)
        .createQueryBuilder('job')
        .where('job.state = :state AND job.runAt <= :now', { state: 'pending', now: o.now })
        .andWhere('(job.leaseUntil IS NULL OR job.leaseUntil <= :now)', { now: o.now })
        .orderBy('job.runAt', 'ASC')
        .limit(o.limit);
      if (!this.serial) query = query.setLock('pessimistic_write').setOnLocked('skip_locked');
      const rows = await query.getMany();
      if (rows.length === 0) return [];
      const lease = { leaseOwner: o.owner, leaseUntil: o.now + o.leaseMs, updatedAt: o.now };
      for (const row of rows) Object.assign(row, lease, { attempts: row.attempts + 1 });
      await m.getRepository(TillKitJob).save(rows);
      return rows.map(toJob);
    });
  }

  async settleJob(key: string, owner: string, outcome: JobOutcome, now: number): Promise<boolean> {
    const result = await this.db.getRepository(TillKitJob).update(
      { key, leaseOwner: owner, state: 'pending' },
      {
        state: outcome.state,
        lastError: outcome.state === 'done' ? null : outcome.error,
        ...(outcome.state === 'pending' ? { runAt: outcome.runAt } : {}),
        leaseOwner: null,
        leaseUntil: null,
        updatedAt: now,
      },
    );
    return result.affected === 1;
  }

  async getJob(key: string): Promise<Job | undefined> {
    const row = await this.db.getRepository(TillKitJob).findOneBy({ key });
    return row ? toJob(row) : undefined;
  }

  async events(after: number, limit: number): Promise<StoredEvent[]> {
    const rows = await this.db
      .getRepository(TillKitEvent)
      .find({ where: { seq: MoreThan(after) }, order: { seq: 'ASC' }, take: limit });
    return rows.map(({ data, ...e }) => ({ ...e, data: parseJsonLossless(data) as Record<string, unknown> }));
  }

  async lease(name: string, owner: string, ttlMs: number, now: number): Promise<boolean> {
    const repo = this.db.getRepository(TillKitLease);
    const until = now + ttlMs;
    const renewed = await repo.update({ name, owner }, { until });
    if (renewed.affected === 1) return true;
    const expired = await repo.update({ name, until: LessThanOrEqual(now) }, { owner, until });
    if (expired.affected === 1) return true;
    await repo.createQueryBuilder().insert().values({ name, owner, until }).orIgnore().execute();
    const row = await repo.findOneBy({ name });
    return row?.owner === owner && row.until === until;
  }

  async releaseLease(name: string, owner: string): Promise<void> {
    await this.db.getRepository(TillKitLease).delete({ name, owner });
  }
}

async function applyWrite(m: EntityManager, w: Write): Promise<boolean> {
  const repo = m.getRepository(TillKitDoc);
  const key = { collection: w.collection, id: w.id };
  if (w.expectVersion === 0) {
    if (w.value === null) return !(await repo.existsBy(key));
    await repo.insert({ ...key, version: 1, tag: w.tag ?? null, value: stringifyJsonLossless(w.value) });
    return true;
  }
  const current = { ...key, version: w.expectVersion };
  const result =
    w.value === null
      ? await repo.delete(current)
      : await repo.update(current, {
          version: w.expectVersion + 1,
          tag: w.tag ?? null,
          value: stringifyJsonLossless(w.value),
        });
  return result.affected === 1;
}

function toDoc<T>(row: DocRow): Doc<T> {
  return { id: row.id, version: row.version, tag: row.tag, value: parseJsonLossless(row.value) as T };
}

function toJob(row: JobRow): Job {
  return {
    key: row.key,
    kind: row.kind,
    payload: parseJsonLossless(row.payload),
    runAt: row.runAt,
    state: row.state as JobState,
    attempts: row.attempts,
    updatedAt: row.updatedAt,
    ...(row.lastError === null ? {} : { lastError: row.lastError }),
    ...(row.leaseOwner === null ? {} : { leaseOwner: row.leaseOwner }),
    ...(row.leaseUntil === null ? {} : { leaseUntil: row.leaseUntil }),
  };
}
