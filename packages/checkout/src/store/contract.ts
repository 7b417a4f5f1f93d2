import assert from 'node:assert/strict';
import type { CheckoutStore } from './port.ts';

// What every CheckoutStore must do, as plain async cases on node:assert so any test runner can run them
// (vitest here, jest in the Medusa provider): `for (const c of storeContract) it(c.name, () => c.run(make()))`.

export interface StoreContractCase {
  name: string;
  run(store: CheckoutStore): Promise<void>;
}

const doc = (id: string, expectVersion: number, value: unknown, tag: string | null = null) => ({
  collection: 'attempts' as const,
  id,
  expectVersion,
  value,
  tag,
});

export const storeContract: readonly StoreContractCase[] = [
  {
    name: 'creates a document at version 1 and reads it back with its tag',
    async run(s) {
      assert.equal(await s.commit({ writes: [doc('a', 0, { n: 1 }, 'live')] }), true);
      assert.deepEqual(await s.get('attempts', 'a'), { id: 'a', version: 1, tag: 'live', value: { n: 1 } });
      assert.equal(await s.get('attempts', 'missing'), undefined);
      assert.equal(await s.get('checkouts', 'a'), undefined, 'collections are separate');
    },
  },
  {
    name: 'compare-and-set: a stale version writes nothing, not even the other writes of the batch',
    async run(s) {
      await s.commit({ writes: [doc('a', 0, { n: 1 })] });
      assert.equal(await s.commit({ writes: [doc('a', 1, { n: 2 })] }), true);
      const stale = await s.commit({
        writes: [doc('b', 0, { n: 9 }), doc('a', 1, { n: 3 })],
        jobs: [{ key: 'j', kind: 'k', payload: {}, runAt: 0 }],
        events: [{ key: 'e', type: 't', attemptId: 'a', orderRef: 'o', at: 1, data: {} }],
      });
      assert.equal(stale, false);
      assert.equal((await s.get('attempts', 'a'))?.version, 2);
      assert.equal(await s.get('attempts', 'b'), undefined);
      assert.equal(await s.getJob('j'), undefined);
      assert.deepEqual(await s.events(0, 10), []);
      assert.equal(await s.commit({ writes: [doc('a', 0, { n: 4 })] }), false, 'create of an existing doc');
    },
  },
  {
    name: 'deletes with a null value and lists by tag',
    async run(s) {
      await s.commit({ writes: [doc('a', 0, 1, 'live'), doc('b', 0, 2, 'live'), doc('c', 0, 3)] });
      const live = (await s.list('attempts', 'live')).map((d) => d.id).sort();
      assert.deepEqual(live, ['a', 'b']);
      await s.commit({ writes: [doc('a', 1, null)] });
      assert.equal(await s.get('attempts', 'a'), undefined);
      await s.commit({ writes: [doc('b', 1, 2, null)] });
      assert.deepEqual(await s.list('attempts', 'live'), []);
    },
  },
  {
    name: 'jobs and events with an existing key are skipped; events keep their order',
    async run(s) {
      const e = (key: string) => ({
        key,
        type: 'confirmed',
        attemptId: 'a',
        orderRef: 'o',
        at: 5,
        data: { x: 1 },
      });
      await s.commit({ jobs: [{ key: 'j', kind: 'sign', payload: { a: 1 }, runAt: 10 }], events: [e('e1')] });
      assert.equal(
        await s.commit({
          jobs: [{ key: 'j', kind: 'sign', payload: { a: 2 }, runAt: 0 }],
          events: [e('e1'), e('e2')],
        }),
        true,
      );
      const job = await s.getJob('j');
      assert.equal(job?.runAt, 10);
      assert.deepEqual(job?.payload, { a: 1 });
      assert.equal(job?.state, 'pending');
      const events = await s.events(0, 10);
      assert.deepEqual(
        events.map((x) => x.key),
        ['e1', 'e2'],
      );
      assert.ok((events[1]?.seq ?? 0) > (events[0]?.seq ?? 0));
      assert.deepEqual(events[0]?.data, { x: 1 });
      assert.deepEqual(
        (await s.events(events[0]?.seq ?? 0, 10)).map((x) => x.key),
        ['e2'],
      );
    },
  },
  {
    name: 'claims due jobs under a lease: never the same job twice while the lease runs',
    async run(s) {
      await s.commit({
        jobs: [
          { key: 'late', kind: 'k', payload: {}, runAt: 2_000 },
          { key: 'due', kind: 'k', payload: {}, runAt: 500 },
        ],
      });
      const first = await s.claimJobs({ now: 1_000, limit: 10, leaseMs: 100, owner: 'w1' });
      assert.deepEqual(
        first.map((j) => [j.key, j.attempts, j.leaseOwner]),
        [['due', 1, 'w1']],
      );
      assert.deepEqual(await s.claimJobs({ now: 1_050, limit: 10, leaseMs: 100, owner: 'w2' }), []);
      const retaken = await s.claimJobs({ now: 1_200, limit: 10, leaseMs: 100, owner: 'w2' });
      assert.deepEqual(
        retaken.map((j) => [j.key, j.attempts]),
        [['due', 2]],
      );
      assert.equal(await s.settleJob('due', 'w1', { state: 'done' }, 1_250), false, 'the old owner lost it');
      assert.equal(
        await s.settleJob('due', 'w2', { state: 'pending', runAt: 5_000, error: 'HTTP 503' }, 1_250),
        true,
      );
      const j = await s.getJob('due');
      assert.equal(j?.state, 'pending');
      assert.equal(j?.runAt, 5_000);
      assert.equal(j?.lastError, 'HTTP 503');
      assert.equal(j?.leaseOwner, undefined);
      assert.deepEqual(
        (await s.claimJobs({ now: 5_000, limit: 10, leaseMs: 100, owner: 'w3' })).map((x) => x.key),
        ['late', 'due'],
        'oldest runAt first',
      );
      assert.equal(
        await s.settleJob('due', 'w3', { state: 'failed', error: 'RECEIPT_UNBALANCED' }, 5_001),
        true,
      );
      assert.equal((await s.getJob('due'))?.state, 'failed');
      assert.deepEqual(
        (await s.claimJobs({ now: 9_000, limit: 10, leaseMs: 100, owner: 'w4' })).map((x) => x.key),
        ['late'],
        'failed and done jobs are never claimed',
      );
    },
  },
  {
    name: 'a lease has one owner until it expires; the owner renews it',
    async run(s) {
      assert.equal(await s.lease('ticker', 'a', 1_000, 0), true);
      assert.equal(await s.lease('ticker', 'b', 1_000, 500), false);
      assert.equal(await s.lease('ticker', 'a', 1_000, 900), true, 'renewal');
      assert.equal(await s.lease('ticker', 'b', 1_000, 1_500), false, 'renewed until 1900');
      assert.equal(await s.lease('ticker', 'b', 1_000, 1_900), true, 'expired: taken over');
      await s.releaseLease('ticker', 'a');
      assert.equal(await s.lease('ticker', 'a', 1_000, 2_000), false, 'release by a non-owner does nothing');
      await s.releaseLease('ticker', 'b');
      assert.equal(await s.lease('ticker', 'a', 1_000, 2_000), true);
    },
  },
  {
    name: 'concurrent compare-and-set on one version: exactly one wins',
    async run(s) {
      await s.commit({ writes: [doc('a', 0, 0)] });
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => s.commit({ writes: [doc('a', 1, i)] })),
      );
      assert.equal(results.filter(Boolean).length, 1);
      assert.equal((await s.get('attempts', 'a'))?.version, 2);
    },
  },
  {
    name: 'keeps 64-bit integers (bigint) and nested JSON exactly',
    async run(s) {
      const value = { code: 0x4154_2000_eeee_eeeen, nested: [{ a: 'x', b: null }] };
      await s.commit({ writes: [doc('big', 0, value)] });
      assert.deepEqual((await s.get('attempts', 'big'))?.value, value);
    },
  },
];
