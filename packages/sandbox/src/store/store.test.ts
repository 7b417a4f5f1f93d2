import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SandboxStore } from '../contract.ts';
import { MemoryStore } from './memory.ts';
import { SqliteStore } from './sqlite.ts';

const dir = mkdtempSync(join(tmpdir(), 'tillkit-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const kinds: Array<[string, () => SandboxStore]> = [
  ['memory', () => new MemoryStore()],
  ['sqlite', () => new SqliteStore(join(dir, `s${++files}.db`))],
];

describe.each(kinds)('%s store', (_name, open) => {
  it('lists values in insertion order and keeps that order when a value is replaced', () => {
    const store = open();
    store.put('c', 'b', { n: 1 });
    store.put('c', 'a', { n: 2 });
    store.put('c', 'b', { n: 3 });
    expect(store.list('c')).toEqual([{ n: 3 }, { n: 2 }]);
    expect(store.get('c', 'a')).toEqual({ n: 2 });
    store.delete('c', 'a');
    expect(store.get('c', 'a')).toBeUndefined();
    expect(store.list('missing')).toEqual([]);
    store.close();
  });

  it('counts sequences from 1 per name', () => {
    const store = open();
    expect([store.nextSequence('x'), store.nextSequence('x'), store.nextSequence('y')]).toEqual([1, 2, 1]);
    store.close();
  });

  it('rolls back every put, delete and sequence of a transaction that throws', () => {
    const store = open();
    store.put('c', 'keep', { v: 1 });
    expect(() =>
      store.transaction(() => {
        store.put('c', 'keep', { v: 2 });
        store.put('c', 'new', { v: 3 });
        store.delete('c', 'keep');
        store.nextSequence('s');
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(store.list('c')).toEqual([{ v: 1 }]);
    expect(store.nextSequence('s')).toBe(1);
    store.close();
  });
});

describe('sqlite store', () => {
  it('keeps values, order, sequences and 64-bit integers across a reopen', () => {
    const file = join(dir, 'reopen.db');
    const first = new SqliteStore(file);
    first.put('c', 'x', { code: 0x4154_0000_0000_0001n, list: [1, 2] });
    first.put('c', 'y', { ok: true });
    first.nextSequence('n');
    first.close();
    const second = new SqliteStore(file);
    expect(second.list('c')).toEqual([{ code: 0x4154_0000_0000_0001n, list: [1, 2] }, { ok: true }]);
    expect(second.nextSequence('n')).toBe(2);
    second.close();
  });
});
