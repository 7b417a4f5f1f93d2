// The PostgreSQL CheckoutStore (packages/checkout/src/store/postgres.ts) against the checkout service's
// store contract (jest: vitest's module runner cannot load pg here), on the CI's PostgreSQL (PGHOST/PGPORT/PGUSER), one throwaway database per run.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { storeContract } from '@tillkit/checkout';
import { createPostgresStore } from '@tillkit/checkout/postgres';
import pg from 'pg';

const database = `tk_medusa_store_${process.pid}`;
const base = { host: process.env['PGHOST'] ?? '127.0.0.1', port: Number(process.env['PGPORT'] ?? 5432) };
const user = process.env['PGUSER'] ?? 'postgres';
let admin: pg.Client;
let pool: pg.Pool;
let n = 0;

beforeAll(async () => {
  admin = new pg.Client({ ...base, user, database: 'postgres' });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database}`);
  await admin.query(`CREATE DATABASE ${database}`);
  pool = new pg.Pool({ ...base, user, database, max: 10 });
});

afterAll(async () => {
  await pool?.end();
  await admin?.query(`DROP DATABASE IF EXISTS ${database}`);
  await admin?.end();
});

// Each case gets its own tables (a fresh prefix), as each memory/SQLite case gets a fresh store.
const fresh = () => createPostgresStore({ pool, tablePrefix: `c${n++}_` });

describe('postgres store', () => {
  for (const c of storeContract) it(c.name, () => c.run(fresh()));

  it('creates its tables once when two processes boot at the same time', async () => {
    const prefix = `boot${n++}_`;
    const [a, b] = [
      createPostgresStore({ pool, tablePrefix: prefix }),
      createPostgresStore({ pool, tablePrefix: prefix }),
    ];
    await Promise.all([a.get('meta', 'x'), b.get('meta', 'x')]);
    expect(await a.commit({ writes: [{ collection: 'meta', id: 'x', expectVersion: 0, value: 1 }] })).toBe(
      true,
    );
    expect((await b.get('meta', 'x'))?.value).toBe(1);
  });

  it('gives every due job to exactly one of several concurrent claimers (SKIP LOCKED)', async () => {
    const s = fresh();
    const jobs = Array.from({ length: 40 }, (_, i) => ({
      key: `j${i}`,
      kind: 'sign',
      payload: {},
      runAt: i,
    }));
    await s.commit({ jobs });
    const claims = await Promise.all(
      ['w1', 'w2', 'w3', 'w4'].map((owner) => s.claimJobs({ now: 100, limit: 15, leaseMs: 10_000, owner })),
    );
    const keys = claims.flat().map((j) => j.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toEqual(jobs.map((j) => j.key).sort());
  });

  it('hands out event sequence numbers in commit order under concurrent writers', async () => {
    const s = fresh();
    const event = (key: string) => ({
      key,
      type: 'confirmed',
      attemptId: key,
      orderRef: 'o',
      at: 1,
      data: {},
    });
    await Promise.all(Array.from({ length: 20 }, (_, i) => s.commit({ events: [event(`e${i}`)] })));
    const seqs = (await s.events(0, 100)).map((e) => e.seq);
    expect(seqs).toHaveLength(20);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('refuses a table prefix that is not an identifier (no SQL from options)', () => {
    expect(() => createPostgresStore({ pool, tablePrefix: 'x; DROP TABLE y' })).toThrow(TypeError);
  });
});
