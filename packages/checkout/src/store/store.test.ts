import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { storeContract } from './contract.ts';
import { createMemoryCheckoutStore } from './memory.ts';
import { createSqliteCheckoutStore } from './sqlite.ts';

const dir = mkdtempSync(join(tmpdir(), 'tk-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

describe.each([
  ['memory', () => createMemoryCheckoutStore()],
  ['sqlite', () => createSqliteCheckoutStore({ path: join(dir, `contract-${n++}.sqlite`) })],
])('%s store', (_name, make) => {
  for (const c of storeContract) it(c.name, () => c.run(make()));
});

describe('sqlite store shared by two handles on one file (two processes on one host)', () => {
  it('sees the other handle’s writes, keeps compare-and-set and one lease owner across handles', async () => {
    const path = join(dir, 'shared.sqlite');
    const a = createSqliteCheckoutStore({ path });
    const b = createSqliteCheckoutStore({ path });
    const write = { collection: 'attempts' as const, id: 'x', expectVersion: 0, value: { by: 'a' } };
    expect(await a.commit({ writes: [write] })).toBe(true);
    expect(await b.commit({ writes: [{ ...write, value: { by: 'b' } }] })).toBe(false);
    expect((await b.get('attempts', 'x'))?.value).toEqual({ by: 'a' });
    expect(await a.lease('ticker', 'A', 10_000, 1)).toBe(true);
    expect(await b.lease('ticker', 'B', 10_000, 2)).toBe(false);
    await a.commit({ jobs: [{ key: 'j', kind: 'k', payload: {}, runAt: 0 }] });
    const claimedByB = await b.claimJobs({ now: 5, limit: 5, leaseMs: 1_000, owner: 'B' });
    expect(claimedByB.map((j) => j.key)).toEqual(['j']);
    expect(await a.claimJobs({ now: 6, limit: 5, leaseMs: 1_000, owner: 'A' })).toEqual([]);
    await a.close?.();
    await b.close?.();
  });

  it('survives a reopen: documents, jobs, events and sequence positions are on disk', async () => {
    const path = join(dir, 'reopen.sqlite');
    const first = createSqliteCheckoutStore({ path });
    await first.commit({
      writes: [{ collection: 'receipts', id: 'r', expectVersion: 0, value: { signed: true } }],
      jobs: [{ key: 'j', kind: 'k', payload: { p: 1 }, runAt: 3 }],
      events: [{ key: 'e', type: 'confirmed', attemptId: 'a', orderRef: 'o', at: 1, data: {} }],
    });
    await first.close?.();
    const again = createSqliteCheckoutStore({ path });
    expect((await again.get('receipts', 'r'))?.value).toEqual({ signed: true });
    expect((await again.getJob('j'))?.payload).toEqual({ p: 1 });
    expect((await again.events(0, 5)).map((e) => e.key)).toEqual(['e']);
    await again.close?.();
  });
});
