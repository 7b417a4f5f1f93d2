import type { SignCallbackPayload } from '@tillkit/models';
import { type Sandbox, startSandbox } from '@tillkit/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { createFiscalClient } from '../client.ts';
import { operationIdFor } from '../operation-id.ts';
import { buildReceipt } from '../receipt/builder.ts';
import { serveFetchHandler } from '../testing/fetch-server.ts';
import { createCallbackReceiver } from './receiver.ts';
import { createInProcessRunner } from './runner.ts';

const secret = 'callback-secret-0123456789';
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function setup(receiverFailures = 0) {
  const sandbox: Sandbox = await startSandbox({ port: 0 });
  closers.push(() => sandbox.close());
  const box = sandbox.control.fiskaltrust.createCashBox({ country: 'AT', started: true });
  const received: SignCallbackPayload[] = [];
  let calls = 0;
  const receive = createCallbackReceiver({
    secret,
    onCallback: (p) => {
      calls++;
      if (calls <= receiverFailures) throw new Error('handler not ready');
      received.push(p);
    },
  });
  const callbacks = await serveFetchHandler(receive);
  closers.push(() => callbacks.close());
  const runnerErrors: unknown[] = [];
  const runner = createInProcessRunner((e) => runnerErrors.push(e));
  const client = createFiscalClient({
    baseUrl: sandbox.url,
    cashBoxId: box.cashBoxId,
    accessToken: box.accessToken,
    callbackSecret: secret,
    retry: { limit: 3, baseDelayMs: 1, maxDelayMs: 10 },
    runner,
    logger: {},
  });
  const order = {
    id: 'o-async',
    moment: '2026-11-23T10:00:00.000Z',
    lines: [{ description: 'Tea', quantity: 1, unitPrice: 450, vatRate: 10 }],
    payments: [{ method: 'online' as const, amount: 450 }],
  };
  const request = buildReceipt(order, { country: 'AT', cashBoxId: box.cashBoxId });
  return {
    sandbox,
    box,
    client,
    runner,
    runnerErrors,
    received,
    callbackUrl: `${callbacks.url}/fiscal/callback`,
    request,
    calls: () => calls,
  };
}

describe('signAsync', () => {
  it('signs in the background and delivers a verified callback with the receipt', async () => {
    const { client, runner, received, callbackUrl, request, sandbox, box } = await setup();
    const operationId = operationIdFor('o-async', 'sign');
    sandbox.control.faults.add({ route: 'POST /v2/sign', kind: 'drop-after-commit', times: 1 });
    expect(await client.signAsync(request, { operationId, callbackUrl })).toEqual({ operationId });
    await runner.idle();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ OperationID: operationId, State: 'done', StateMessage: 'signed' });
    expect(received[0]?.QueueID).toBe(received[0]?.StateData?.ftQueueID);
    expect(
      sandbox.control.fiskaltrust
        .journal(box.cashBoxId)
        .receipts.filter((r) => r.cbReceiptReference === 'o-async'),
    ).toHaveLength(1);
  });

  it('redelivers the callback when the receiver fails, with a fresh signature over the same body', async () => {
    const { client, runner, received, callbackUrl, request, calls, runnerErrors } = await setup(2);
    await client.signAsync(request, { operationId: operationIdFor('o-async', 'sign'), callbackUrl });
    await runner.idle();
    expect(calls()).toBe(3);
    expect(received).toHaveLength(1);
    expect(runnerErrors).toEqual([]);
  });

  it('reports a fiscal error as a failed callback instead of retrying it', async () => {
    const { client, runner, received, callbackUrl, request, sandbox, box } = await setup();
    sandbox.control.fiskaltrust.setState(box.cashBoxId, { failReceipts: true });
    await client.signAsync(request, { operationId: operationIdFor('o-async', 'sign'), callbackUrl });
    await runner.idle();
    expect(received[0]).toMatchObject({ State: 'failed' });
    expect(received[0]?.StateMessage).toMatch(/^FISCAL_ERROR/);
    expect(sandbox.control.count('POST /v2/sign')).toBe(1);
  });

  it('refuses to start without a callback secret', async () => {
    const { sandbox, box, request } = await setup();
    const client = createFiscalClient({
      baseUrl: sandbox.url,
      cashBoxId: box.cashBoxId,
      accessToken: box.accessToken,
    });
    await expect(
      client.signAsync(request, {
        operationId: operationIdFor('x', 'sign'),
        callbackUrl: 'http://127.0.0.1:1/cb',
      }),
    ).rejects.toMatchObject({
      code: 'INVALID_CONFIG',
    });
  });
});
