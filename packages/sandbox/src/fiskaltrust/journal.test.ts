import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActionJournalEntry, ReceiptJournalEntry, stringifyJsonLossless, toTicks } from '@tillkit/models';
import { describe, expect, it, onTestFinished } from 'vitest';
import { SqliteStore } from '../store/sqlite.ts';
import { createFiskaltrustEmulator } from './emulator.ts';
import {
  authHeaders,
  call,
  type Harness,
  harness,
  json,
  receipt,
  request,
  sign,
  startReceipt,
} from './test-support.ts';

function journal(h: Harness, body: unknown) {
  return call(h.emulator, request({ path: '/v2/journal', headers: authHeaders(h.box), body }));
}

describe('POST /v2/journal', () => {
  it('lists exactly one receipt journal entry per signed receipt, hash-chained', async () => {
    const h = harness();
    await sign(h, startReceipt());
    await sign(h, receipt({ cbReceiptReference: 'A' }));
    await sign(h, receipt({ cbReceiptReference: 'B', cbPayItems: [] }));
    await sign(h, receipt({ cbReceiptReference: 'C' }));
    const res = await journal(h, { ftJournalType: 2, From: 0, To: 0 });
    expect(res.status).toBe(200);
    const entries = json<unknown[]>(res).map((e) => ReceiptJournalEntry.parse(e));
    expect(entries.map((e) => [e.cbReceiptReference, e.ftReceiptNumber, e.ftReceiptTotal])).toEqual([
      ['INIT', 1, 0],
      ['A', 2, 20],
      ['C', 3, 20],
    ]);
    expect(new Set(entries.map((e) => e.ftReceiptHash)).size).toBe(3);
    expect(typeof entries[0]?.TimeStamp).toBe('bigint');
  });

  it('filters entries by From/To ticks: a range, To = 0 for "from on", To < 0 for "the first n"', async () => {
    const h = harness({}, { started: true });
    const moments = ['2025-01-01T10:00:00Z', '2025-01-02T10:00:00Z', '2025-01-03T10:00:00Z'].map(
      (m) => new Date(m),
    );
    for (const moment of moments) {
      h.clock.now = moment;
      await sign(h, receipt({ cbReceiptReference: moment.toISOString() }));
    }
    const refs = async (From: bigint, To: bigint) =>
      json<{ cbReceiptReference: string }[]>(await journal(h, { ftJournalType: 2, From, To })).map((e) =>
        e.cbReceiptReference.slice(0, 10),
      );
    const [d1, d2, d3] = moments.map(toTicks) as [bigint, bigint, bigint];
    expect(await refs(d2, d3)).toEqual(['2025-01-02', '2025-01-03']);
    expect(await refs(d2, 0n)).toEqual(['2025-01-02', '2025-01-03']);
    expect(await refs(d1, -2n)).toEqual(['2025-01-01', '2025-01-02']);
    expect(await refs(d3 + 1n, 0n)).toEqual([]);
  });

  it('returns queue items (type 3) with raw request, response and their hashes, and the action journal (type 1)', async () => {
    const h = harness();
    const early = await sign(h, receipt({ cbReceiptReference: 'EARLY' }));
    await sign(h, startReceipt());
    const items = json<Record<string, unknown>[]>(await journal(h, { ftJournalType: 3, From: 0, To: 0 }));
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({
      ftQueueRow: 1,
      cbReceiptReference: 'EARLY',
      response: early.body,
      requestHash: expect.any(String),
    });
    const actions = json<unknown[]>(await journal(h, { ftJournalType: 1, From: 0, To: 0 })).map((a) =>
      ActionJournalEntry.parse(a),
    );
    expect(actions.map((a) => a.Message)).toEqual([
      expect.stringContaining('not been activated'),
      expect.stringContaining('started'),
    ]);
  });

  it('answers 400 for an unknown journal type, a ZIP request and a malformed body', async () => {
    const h = harness();
    expect((await journal(h, { ftJournalType: 0x77, From: 0, To: 0 })).status).toBe(400);
    expect((await journal(h, { ftJournalType: 0x0001_0002, From: 0, To: 0 })).status).toBe(400);
    const bad = await journal(h, { ftJournalType: 2, From: 'yesterday' });
    expect(bad.status).toBe(400);
    expect(json(bad)).toMatchObject({ title: 'Validation error' });
  });

  it('reads ticks beyond 2^53 exactly from the request body', async () => {
    const h = harness({}, { started: true });
    await sign(h, receipt());
    const at = toTicks(h.clock.now);
    // As raw text: the bigint must survive parsing, an off-by-one tick must exclude the entry.
    const exact = await journal(h, `{"ftJournalType":2,"From":${at},"To":${at}}`);
    const after = await journal(h, `{"ftJournalType":2,"From":${at + 1n},"To":0}`);
    expect([json<unknown[]>(exact).length, json<unknown[]>(after).length]).toEqual([1, 0]);
  });
});

describe('persistence through the SandboxStore', () => {
  it('keeps queue counters, journals and operations across a restart on the same SQLite file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tillkit-ft-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'sandbox.db');
    const now = () => new Date('2025-03-01T09:00:00Z');
    const firstStore = new SqliteStore(file);
    const first = createFiskaltrustEmulator({ store: firstStore, now }, {});
    const box = first.createCashBox({ country: 'AT', started: true });
    const op = randomUUID();
    const body = stringifyJsonLossless(receipt({ cbReceiptReference: 'PERSISTED' }));
    const signed = await first.handle(request({ path: '/v2/sign', headers: authHeaders(box, op), body }));

    firstStore.close();
    const store = new SqliteStore(file);
    const second = createFiskaltrustEmulator({ store, now }, {});
    const replay = await second.handle(request({ path: '/v2/sign', headers: authHeaders(box, op), body }));
    expect([replay.status, replay.body]).toEqual([200, signed.body]);
    const next = await second.handle(
      request({ path: '/v2/sign', headers: authHeaders(box), body: receipt() }),
    );
    expect(json(next)).toMatchObject({ ftReceiptIdentification: 'ft2#2', ftQueueRow: 2 });
    const journal = second.journal(box.cashBoxId);
    expect(journal.receipts.map((r) => r.cbReceiptReference)).toEqual(['PERSISTED', expect.any(String)]);
    expect(journal.receipts[1]?.ftReceiptHash).not.toBe(journal.receipts[0]?.ftReceiptHash);
    store.close();
  });
});

describe('the AT RKSV-DEP export (journal type 0x4154_0000_0000_0001)', () => {
  it('lists one compact JWS per RKSV-signed receipt whose payload and signature match the receipt QR code', async () => {
    const h = harness({}, { started: true });
    const signed = json<{ ftSignatures: { Caption: string; Data: string }[] }>(await sign(h, receipt()));
    await sign(h, receipt({ cbPayItems: [] }));
    await sign(h, receipt());
    const res = await journal(h, `{"ftJournalType":${0x4154_0000_0000_0001n},"From":0,"To":0}`);
    expect(res.status).toBe(200);
    const dep = json<{ 'Belege-Gruppe': { 'Belege-kompakt': string[] }[] }>(res);
    const compact = dep['Belege-Gruppe'][0]?.['Belege-kompakt'] ?? [];
    expect(compact).toHaveLength(2);
    const [header, payload, signature] = (compact[0] ?? '').split('.');
    const qr = signed.ftSignatures.find((s) => s.Caption === 'www.fiskaltrust.at')?.Data ?? '';
    expect(JSON.parse(Buffer.from(header ?? '', 'base64url').toString())).toEqual({ alg: 'ES256' });
    expect(
      `${Buffer.from(payload ?? '', 'base64url').toString()}_${Buffer.from(signature ?? '', 'base64url').toString('base64')}`,
    ).toBe(qr);
  });

  it('answers 400 for the DEP export on a DE queue', async () => {
    const h = harness({}, { started: true, country: 'DE' });
    expect((await journal(h, `{"ftJournalType":${0x4154_0000_0000_0001n},"From":0,"To":0}`)).status).toBe(
      400,
    );
  });
});
