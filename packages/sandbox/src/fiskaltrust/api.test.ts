import { randomUUID } from 'node:crypto';
import { ProblemDetails } from '@tillkit/models';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Emulator } from '../contract.ts';
import { authHeaders, call, harness, json, receipt, request, sign } from './test-support.ts';

describe('POST /v2/echo', () => {
  it('echoes Message with 201 the first time', async () => {
    const h = harness();
    const res = await call(
      h.emulator,
      request({ path: '/v2/echo', headers: authHeaders(h.box), body: { Message: 'ping' } }),
    );
    expect(res.status).toBe(201);
    expect(json(res)).toEqual({ Message: 'ping' });
  });

  it('accepts the message key in any letter case', async () => {
    const h = harness();
    for (const key of ['message', 'MESSAGE']) {
      const res = await call(
        h.emulator,
        request({ path: '/v2/echo', headers: authHeaders(h.box), body: { [key]: 'hi' } }),
      );
      expect(json(res)).toEqual({ Message: 'hi' });
    }
  });

  it('answers a body without a message with a 400 validation ProblemDetails', async () => {
    const h = harness();
    const res = await call(
      h.emulator,
      request({ path: '/v2/echo', headers: authHeaders(h.box), body: { Text: 'hi' } }),
    );
    expect(res.status).toBe(400);
    expect(res.headers?.['content-type']).toBe('application/problem+json');
    expect(json(res)).toMatchObject({
      title: 'Validation error',
      status: 400,
      errors: { Message: [expect.any(String)] },
    });
  });
});

describe('CashBox authentication', () => {
  const unauthorized = {
    type: 'about:blank',
    title: 'Unauthorized',
    detail: 'Access token not set or invalid. The requested resource could not be returned',
    status: 401,
  };

  it.each([
    [
      'a wrong access token',
      (h: ReturnType<typeof harness>) => ({
        ...authHeaders(h.box),
        'x-cashbox-accesstoken': `${h.box.accessToken}x`,
      }),
    ],
    [
      'no access token',
      (h: ReturnType<typeof harness>) => ({ ...authHeaders(h.box), 'x-cashbox-accesstoken': undefined }),
    ],
    [
      'an unknown CashBox',
      (h: ReturnType<typeof harness>) => ({ ...authHeaders(h.box), 'x-cashbox-id': randomUUID() }),
    ],
    [
      'no CashBox id',
      (h: ReturnType<typeof harness>) => ({ ...authHeaders(h.box), 'x-cashbox-id': undefined }),
    ],
  ])('answers %s with the documented 401 ProblemDetails', async (_, headers) => {
    const h = harness();
    for (const path of ['/v2/sign', '/v2/echo', '/v2/journal']) {
      const res = await call(h.emulator, request({ path, headers: headers(h), body: receipt() }));
      expect(res.status).toBe(401);
      expect(res.headers?.['content-type']).toBe('application/problem+json');
      expect(json(res)).toEqual(unauthorized);
    }
  });

  it('never shows the access token in an error body', async () => {
    const h = harness();
    const res = await call(
      h.emulator,
      request({
        path: '/v2/sign',
        headers: { ...authHeaders(h.box), 'x-cashbox-accesstoken': 'wrong' },
        body: receipt(),
      }),
    );
    expect(String(res.body)).not.toContain(h.box.accessToken);
  });
});

describe('request headers and paths', () => {
  it('answers 400 when x-operation-id is missing or not a UUID', async () => {
    const h = harness({}, { started: true });
    const missing = await call(
      h.emulator,
      request({
        path: '/v2/sign',
        headers: { ...authHeaders(h.box), 'x-operation-id': undefined },
        body: receipt(),
      }),
    );
    expect(missing.status).toBe(400);
    expect(json(missing)).toMatchObject({ detail: 'The required header x-operation-id was not sent.' });
    const notUuid = await call(
      h.emulator,
      request({
        path: '/v2/sign',
        headers: { ...authHeaders(h.box), 'x-operation-id': 'op-1' },
        body: receipt(),
      }),
    );
    expect(notUuid.status).toBe(400);
  });

  it('answers 400 when the body ftCashBoxID differs from x-cashbox-id', async () => {
    const h = harness({}, { started: true });
    const res = await sign(h, receipt({ ftCashBoxID: randomUUID() }));
    expect(res.status).toBe(400);
    expect(json(res)).toMatchObject({
      detail: 'CashBoxID in request does not match the CashBoxID in the request header.',
    });
    expect((await sign(h, receipt({ ftCashBoxID: h.box.cashBoxId.toUpperCase() }))).status).toBe(201);
  });

  it('answers 400 when x-terminal-id differs from cbTerminalID and fills cbTerminalID from the header otherwise', async () => {
    const h = harness({}, { started: true });
    const mismatch = await call(
      h.emulator,
      request({
        path: '/v2/sign',
        headers: { ...authHeaders(h.box), 'x-terminal-id': 'T2' },
        body: receipt(),
      }),
    );
    expect(mismatch.status).toBe(400);
    expect(json(mismatch)).toMatchObject({
      detail: 'TerminalID in request does not match the TerminalID in the request header.',
    });
    const { cbTerminalID: _, ...withoutTerminal } = receipt();
    const filled = await call(
      h.emulator,
      request({
        path: '/v2/sign',
        headers: { ...authHeaders(h.box), 'x-terminal-id': 'T9' },
        body: withoutTerminal,
      }),
    );
    expect(json(filled)).toMatchObject({ cbTerminalID: 'T9' });
  });

  it('answers 400 when the PosSystem id differs from the one registered for the CashBox, except the nil id of development', async () => {
    const posSystemId = randomUUID();
    const h = harness({}, { started: true, posSystemId });
    const wrong = await call(
      h.emulator,
      request({
        path: '/v2/sign',
        headers: { ...authHeaders(h.box), 'x-possystem-id': randomUUID() },
        body: receipt(),
      }),
    );
    expect(wrong.status).toBe(400);
    const right = await call(
      h.emulator,
      request({
        path: '/v2/sign',
        headers: { ...authHeaders(h.box), 'x-possystem-id': posSystemId },
        body: receipt(),
      }),
    );
    expect(right.status).toBe(201);
    const nil = '00000000-0000-0000-0000-000000000000';
    const development = await call(
      h.emulator,
      request({
        path: '/v2/sign',
        headers: { ...authHeaders(h.box), 'x-possystem-id': nil },
        body: receipt(),
      }),
    );
    expect(development.status).toBe(201);
  });

  it('answers 400 for an older API version path and 404 ProblemDetails for an unknown endpoint', async () => {
    const h = harness();
    const v1 = await call(
      h.emulator,
      request({ path: '/v1/sign', headers: authHeaders(h.box), body: receipt() }),
    );
    expect(v1.status).toBe(400);
    const unknown = await call(
      h.emulator,
      request({ path: '/v2/nothing', headers: authHeaders(h.box), body: {} }),
    );
    expect(unknown.status).toBe(404);
    expect(ProblemDetails.parse(json(unknown)).status).toBe(404);
  });

  it('answers a malformed JSON body with 400', async () => {
    const h = harness({}, { started: true });
    const res = await sign(h, '{"cbReceiptReference": ');
    expect(res.status).toBe(400);
    expect(json(res)).toMatchObject({ detail: 'The request body is not valid JSON.' });
  });

  it('answers a receipt missing required fields with 400 Validation error naming each field', async () => {
    const h = harness({}, { started: true });
    const { cbReceiptReference: _, cbPayItems: __, ...incomplete } = receipt();
    const res = await sign(h, incomplete);
    expect(res.status).toBe(400);
    const body = json<{ title: string; detail: string; errors: Record<string, string[]> }>(res);
    expect(body.title).toBe('Validation error');
    expect(Object.keys(body.errors).sort()).toEqual(['cbPayItems', 'cbReceiptReference']);
    expect(JSON.parse(body.detail)).toEqual(body.errors);
  });
});

describe('POST /v2/pair', () => {
  it('exchanges the CashBox PIN for its id and access token without auth headers', async () => {
    const h = harness();
    const pin = h.emulator.pairingPin(h.box.cashBoxId);
    const res = await call(h.emulator, request({ path: '/v2/pair', body: { Pin: pin } }));
    expect(res.status).toBe(200);
    expect(json(res)).toEqual({ CashBoxId: h.box.cashBoxId, AccessToken: h.box.accessToken });
  });

  it('answers an unknown PIN with 404 and a missing PIN with 400 ProblemDetails', async () => {
    const h = harness();
    const wrong = await call(h.emulator, request({ path: '/v2/pair', body: { pin: `${h.box.pin}9` } }));
    expect(wrong.status).toBe(404);
    expect(wrong.headers?.['content-type']).toBe('application/problem+json');
    const missing = await call(h.emulator, request({ path: '/v2/pair', body: {} }));
    expect(missing.status).toBe(400);
  });
});

describe('control methods', () => {
  it('is an Emulator the core mounts under /v2', () => {
    const h = harness();
    expectTypeOf(h.emulator).toExtend<Emulator>();
    expect(h.emulator.prefix).toBe('/v2');
  });

  it('returns the existing CashBox when createCashBox is called again with its id', () => {
    const h = harness();
    const again = h.emulator.createCashBox({ cashBoxId: h.box.cashBoxId, country: 'AT' });
    expect(again).toEqual(h.box);
    const rotated = h.emulator.createCashBox({
      cashBoxId: h.box.cashBoxId,
      country: 'AT',
      accessToken: 'new-token',
    });
    expect(rotated).toMatchObject({ queueId: h.box.queueId, accessToken: 'new-token' });
  });

  it('throws NOT_FOUND for an unknown CashBox and INVALID_CONFIG for a bad fault switch', () => {
    const h = harness();
    expect(() => h.emulator.setState(randomUUID(), { scuFailed: true })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    expect(() => h.emulator.setState(h.box.cashBoxId, { processingDelayMs: -1 })).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG' }),
    );
    expect(() => h.emulator.createCashBox({ cashBoxId: 'not-a-guid', country: 'AT' })).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG' }),
    );
  });
});
