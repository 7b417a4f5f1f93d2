import { randomUUID } from 'node:crypto';
import { stringifyJsonLossless } from '@tillkit/models';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { authHeaders, call, harness, json, receipt, request, sign } from './test-support.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('idempotency by (CashBox, x-operation-id)', () => {
  it('answers 201 first, then 200 with the byte-identical stored body', async () => {
    const h = harness({}, { started: true });
    const op = randomUUID();
    const body = stringifyJsonLossless(receipt());
    const first = await sign(h, body, op);
    h.clock.now = new Date('2025-01-02T00:00:00.000Z');
    const second = await sign(h, body, op);
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.body).toBe(first.body);
    expect(second.headers?.['content-type']).toBe(first.headers?.['content-type']);
  });

  it('signs a replayed operation only once: one queue item and one receipt journal entry', async () => {
    const h = harness({}, { started: true });
    const op = randomUUID();
    const body = stringifyJsonLossless(receipt());
    for (let i = 0; i < 3; i++) await sign(h, body, op);
    const journal = h.emulator.journal(h.box.cashBoxId);
    expect([
      journal.receipts.length,
      journal.queueItems.length,
      journal.operations.length,
      journal.queue.row,
    ]).toEqual([1, 1, 1, 1]);
  });

  it('answers 409 ProblemDetails when the same operation id comes with a different body', async () => {
    const h = harness({}, { started: true });
    const op = randomUUID();
    const body = receipt();
    await sign(h, stringifyJsonLossless(body), op);
    const reformatted = await sign(h, stringifyJsonLossless(body, 2), op);
    expect(reformatted.status).toBe(409);
    expect(reformatted.headers?.['content-type']).toBe('application/problem+json');
    expect(json(reformatted)).toMatchObject({
      status: 409,
      detail: 'The operation body does not match the stored operation.',
    });
  });

  it('keeps operation ids apart per CashBox', async () => {
    const h = harness({}, { started: true });
    const other = h.emulator.createCashBox({ country: 'AT', started: true });
    const op = randomUUID();
    const first = await sign(h, receipt(), op);
    const second = await call(
      h.emulator,
      request({ path: '/v2/sign', headers: authHeaders(other, op), body: receipt() }),
    );
    expect([first.status, second.status]).toEqual([201, 201]);
  });

  it('replays the stored error of a failed operation with its status', async () => {
    const h = harness({}, { started: true });
    const op = randomUUID();
    const bad = receipt({ ftCashBoxID: randomUUID() });
    const first = await sign(h, bad, op);
    const second = await sign(h, bad, op);
    expect([first.status, second.status]).toEqual([400, 400]);
    expect(second.body).toBe(first.body);
    expect(h.emulator.journal(h.box.cashBoxId).operations[0]).toMatchObject({
      LastState: 'failed',
      ResponseCode: 400,
    });
  });

  it('makes an in-flight duplicate wait for the first run and get its result (block)', async () => {
    vi.useFakeTimers();
    const h = harness({ inFlightDuplicates: 'block' }, { started: true });
    h.emulator.setState(h.box.cashBoxId, { processingDelayMs: 1_000 });
    const op = randomUUID();
    const body = stringifyJsonLossless(receipt());
    const first = sign(h, body, op);
    const duplicate = sign(h, body, op);
    const item = await call(
      h.emulator,
      request({ method: 'GET', path: `/v2/journal/OperationItem/${op}`, headers: authHeaders(h.box) }),
    );
    expect(json(item)).toMatchObject({ LastState: 'processing' });
    await vi.advanceTimersByTimeAsync(1_000);
    const [a, b] = await Promise.all([first, duplicate]);
    expect([a.status, b.status]).toEqual([201, 200]);
    expect(b.body).toBe(a.body);
    expect(h.emulator.journal(h.box.cashBoxId).receipts).toHaveLength(1);
  });

  it('answers an in-flight duplicate with 422 by default (the local server), and a different body with 409', async () => {
    vi.useFakeTimers();
    const h = harness({}, { started: true });
    h.emulator.setState(h.box.cashBoxId, { processingDelayMs: 500 });
    const op = randomUUID();
    const body = stringifyJsonLossless(receipt());
    const first = sign(h, body, op);
    const duplicate = await sign(h, body, op);
    expect(duplicate.status).toBe(422);
    expect(json(duplicate)).toMatchObject({
      status: 422,
      detail: 'The operation is still in process. Please try again.',
    });
    expect((await sign(h, receipt(), op)).status).toBe(409);
    await vi.advanceTimersByTimeAsync(500);
    expect((await first).status).toBe(201);
    expect((await sign(h, body, op)).status).toBe(200);
  });

  it('stores the OperationItem with its request and response and without credential headers', async () => {
    const h = harness({}, { started: true });
    const op = randomUUID();
    const body = stringifyJsonLossless(receipt());
    const res = await call(
      h.emulator,
      request({ path: '/v2/sign', headers: { ...authHeaders(h.box, op), 'x-terminal-id': 'T1' }, body }),
    );
    const get = await call(
      h.emulator,
      request({ method: 'GET', path: `/v2/journal/OperationItem/${op}`, headers: authHeaders(h.box) }),
    );
    expect(get.status).toBe(200);
    const item = json<Record<string, unknown>>(get);
    expect(item).toMatchObject({
      cbOperationItemID: op,
      ftQueueID: h.box.queueId,
      cbTerminalID: 'T1',
      Method: 'POST',
      Path: '/v2/sign',
      Request: body,
      Response: res.body,
      ResponseCode: 201,
      LastState: 'done',
    });
    const headers = item['RequestHeaders'] as Record<string, string[]>;
    expect(headers['x-operation-id']).toEqual([op]);
    expect(Object.keys(headers)).not.toContain('x-cashbox-accesstoken');
    expect(Object.keys(headers)).not.toContain('x-cashbox-id');
    expect(String(get.body)).not.toContain(h.box.accessToken);
  });

  it('lists and peeks operation items under the queue id, 404 for another queue or an unknown id', async () => {
    const h = harness({}, { started: true });
    const op = randomUUID();
    await sign(h, receipt(), op);
    const peek = (path: string) =>
      call(h.emulator, request({ method: 'GET', path, headers: authHeaders(h.box) }));
    const list = await peek(`/v2/PeekJournalItem/${h.box.queueId}/OperationItem`);
    expect(json<unknown[]>(list)).toEqual([expect.objectContaining({ cbOperationItemID: op })]);
    expect(json(await peek(`/v2/PeekJournalItem/${h.box.queueId}/OperationItem/${op}`))).toMatchObject({
      cbOperationItemID: op,
    });
    expect((await peek(`/v2/PeekJournalItem/${randomUUID()}/OperationItem/${op}`)).status).toBe(404);
    expect((await peek(`/v2/journal/OperationItem/${randomUUID()}`)).status).toBe(404);
  });
});
