import { JournalType } from '@tillkit/models';
import { afterEach, describe, expect, it } from 'vitest';
import { createFiscalClient } from './client.ts';
import { operationIdFor } from './operation-id.ts';
import { buildReceipt, buildSpecialReceipt } from './receipt/builder.ts';
import { receiptResponseOf } from './sign.ts';
import { closeSandbox, failure, order, setup } from './testing/client-fixture.ts';

afterEach(closeSandbox);

describe('FiscalClient against the sandbox', () => {
  it('echoes a message', async () => {
    const { client } = await setup();
    expect(await client.echo('ping')).toBe('ping');
  });

  it('signs a built receipt once and replays it for the same operation id', async () => {
    const { client, box, receiptsOf } = await setup();
    const request = buildReceipt(order('o-1'), { country: 'AT', cashBoxId: box.cashBoxId });
    const operationId = operationIdFor('o-1', 'sign');
    const first = await client.sign(request, { operationId });
    expect(first).toMatchObject({ operationId, replayed: false, degraded: false });
    expect(first.state).toMatchObject({ outcome: 'ok', country: 'AT' });
    const again = await client.sign(request, { operationId });
    expect(again.replayed).toBe(true);
    expect(again.response).toEqual(first.response);
    expect(receiptsOf('o-1')).toHaveLength(1);
  });

  it('returns the same receipt when the response to a committed sign is dropped, and the journal holds one entry', async () => {
    const { client, box, sandbox, receiptsOf } = await setup();
    sandbox.control.faults.add({ route: 'POST /v2/sign', kind: 'drop-after-commit', times: 1 });
    const result = await client.sign(
      buildReceipt(order('o-2'), { country: 'AT', cashBoxId: box.cashBoxId }),
      { operationId: operationIdFor('o-2', 'sign') },
    );
    expect(result.replayed).toBe(true);
    expect(sandbox.control.count('POST /v2/sign')).toBe(2);
    expect(receiptsOf('o-2')).toHaveLength(1);
    expect(receiptsOf('o-2')[0]?.ftQueueItemId).toBe(result.response.ftQueueItemID);
  });

  it('retries 503 and connection resets under the same id', async () => {
    const { client, box, sandbox, receiptsOf } = await setup();
    sandbox.control.faults.add({ route: 'POST /v2/sign', kind: 'error', status: 503, times: 1 });
    sandbox.control.faults.add({ route: 'POST /v2/sign', kind: 'reset', times: 1 });
    const result = await client.sign(buildReceipt(order('o-3'), { country: 'AT', cashBoxId: box.cashBoxId }));
    expect(result.replayed).toBe(false);
    expect(sandbox.control.count('POST /v2/sign')).toBe(3);
    expect(receiptsOf('o-3')).toHaveLength(1);
  });

  it('surfaces a 500 after one request, since a retry under the same id would only replay it', async () => {
    const { client, box, sandbox, receiptsOf } = await setup();
    sandbox.control.faults.add({ route: 'POST /v2/sign', kind: 'error', status: 500, times: 1 });
    const error = await failure(
      client.sign(buildReceipt(order('o-500'), { country: 'AT', cashBoxId: box.cashBoxId })),
    );
    expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', status: 500, retryable: false });
    expect(error.message).toMatch(/new one/);
    expect(sandbox.control.count('POST /v2/sign')).toBe(1);
    expect(receiptsOf('o-500')).toHaveLength(0);
  });

  it('retries 502 and 504 under the same id and signs once', async () => {
    const { client, box, sandbox, receiptsOf } = await setup();
    sandbox.control.faults.add({ route: 'POST /v2/sign', kind: 'error', status: 502, times: 1 });
    sandbox.control.faults.add({ route: 'POST /v2/sign', kind: 'error', status: 504, times: 1 });
    const result = await client.sign(
      buildReceipt(order('o-502'), { country: 'AT', cashBoxId: box.cashBoxId }),
    );
    expect(result.replayed).toBe(false);
    expect(sandbox.control.count('POST /v2/sign')).toBe(3);
    expect(receiptsOf('o-502')).toHaveLength(1);
  });

  it('reports IDEMPOTENCY_CONFLICT when an operation id is reused for another body, and signs nothing new', async () => {
    const { client, box, receiptsOf } = await setup();
    const operationId = operationIdFor('o-4', 'sign');
    await client.sign(buildReceipt(order('o-4'), { country: 'AT', cashBoxId: box.cashBoxId }), {
      operationId,
    });
    const changed = buildReceipt(
      { ...order('o-4'), moment: '2026-11-23T10:05:00.000Z' },
      { country: 'AT', cashBoxId: box.cashBoxId },
    );
    const error = await failure(client.sign(changed, { operationId }));
    expect(error).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT', status: 409 });
    expect(receiptsOf('o-4')).toHaveLength(1);
  });

  it('surfaces a fail ftState as FISCAL_ERROR', async () => {
    const { client, box, sandbox } = await setup();
    sandbox.control.fiskaltrust.setState(box.cashBoxId, { failReceipts: true });
    const error = await failure(
      client.sign(buildReceipt(order('o-6'), { country: 'AT', cashBoxId: box.cashBoxId })),
    );
    expect(error.code).toBe('FISCAL_ERROR');
    expect(error.details).toMatchObject({ outcome: 'fail' });
  });

  it('surfaces an error ftState (0x4154_2000_EEEE_EEEE) for a receipt the queue rejects', async () => {
    const { client, box } = await setup();
    const request = buildReceipt(order('o-7'), { country: 'AT', cashBoxId: box.cashBoxId });
    const unbalanced = { ...request, cbPayItems: request.cbPayItems.map((p) => ({ ...p, Amount: 1 })) };
    const error = await failure(client.sign(unbalanced));
    expect(error.code).toBe('FISCAL_ERROR');
    expect(error.details).toMatchObject({ outcome: 'error', ftState: '0x41542000eeeeeeee' });
    expect(receiptResponseOf(error)?.ftState).toBe(0x4154_2000_eeee_eeeen);
    expect(() => JSON.stringify(error.details)).not.toThrow();
  });

  it('refuses to report a receipt on a queue that was never started, until the start receipt is signed', async () => {
    const { client, box } = await setup({ started: false });
    const ctx = { country: 'AT' as const, cashBoxId: box.cashBoxId };
    expect((await failure(client.sign(buildReceipt(order('o-8'), ctx)))).code).toBe('FISCAL_ERROR');
    await client.sign(
      buildSpecialReceipt('start', { reference: 'INIT-1', moment: '2026-11-23T08:00:00Z' }, ctx),
    );
    const result = await client.sign(buildReceipt(order('o-8b'), ctx));
    expect(result.state.outcome).toBe('ok');
  });

  it('reports a receipt signed in a degraded state with its flags, and a zero receipt clears them', async () => {
    const { client, box, sandbox, warnings } = await setup();
    const ctx = { country: 'AT' as const, cashBoxId: box.cashBoxId };
    sandbox.control.fiskaltrust.setState(box.cashBoxId, { scuFailed: true, dailyClosingDue: true });
    const result = await client.sign(buildReceipt(order('o-9'), ctx));
    expect(result.degraded).toBe(true);
    expect(result.state.flags).toMatchObject({ scuFailed: true, dailyClosingDue: true, lateSigning: false });
    expect(JSON.stringify(warnings)).toContain('degraded');
    await client.sign(
      buildSpecialReceipt('zero', { reference: 'ZERO-1', moment: '2026-11-23T11:00:00Z' }, ctx),
    );
    await client.sign(
      buildSpecialReceipt('daily-closing', { reference: 'CLOSE-1', moment: '2026-11-23T12:00:00Z' }, ctx),
    );
    const after = await client.sign(buildReceipt(order('o-10'), ctx));
    expect(after.state.flags.scuFailed).toBe(false);
  });

  it('reads the receipt journal and the operation item of a signed receipt', async () => {
    const { client, box } = await setup();
    const operationId = operationIdFor('o-11', 'sign');
    const signed = await client.sign(
      buildReceipt(order('o-11'), { country: 'AT', cashBoxId: box.cashBoxId }),
      { operationId },
    );
    const journal = await client.journal({
      type: JournalType.ReceiptJournal,
      from: new Date('2000-01-01T00:00:00Z'),
    });
    expect(
      Array.isArray(journal) &&
        journal.some((e) => (e as { cbReceiptReference?: string }).cbReceiptReference === 'o-11'),
    ).toBe(true);
    const item = await client.operationItem(operationId);
    expect(item).toMatchObject({ cbOperationItemID: operationId, LastState: 'done' });
    const peeked = await client.peekOperationItems(signed.response.ftQueueID, operationId);
    expect(peeked[0]?.cbOperationItemID).toBe(operationId);
  });

  it('pairs with a portal PIN without sending CashBox credentials', async () => {
    const { client, box, sandbox } = await setup();
    const paired = await client.pair(sandbox.control.fiskaltrust.pairingPin(box.cashBoxId));
    expect(paired).toMatchObject({ CashBoxId: box.cashBoxId, AccessToken: box.accessToken });
  });

  it('answers a wrong access token with UNAUTHENTICATED and never repeats the token', async () => {
    const { box, warnings, sandbox } = await setup();
    const token = 'wrong-token-0123456789abcdef';
    const logs: unknown[] = [];
    const bad = createFiscalClient({
      baseUrl: sandbox.url,
      cashBoxId: box.cashBoxId,
      accessToken: token,
      logger: {
        debug: (m, c) => logs.push([m, c]),
        warn: (m, c) => logs.push([m, c]),
        error: (m, c) => logs.push([m, c]),
      },
    });
    const error = await failure(bad.echo());
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(JSON.stringify([logs, warnings, error.message, error.details])).not.toContain(token);
  });
});
