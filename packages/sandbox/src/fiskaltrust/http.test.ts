import { randomUUID } from 'node:crypto';
import { parseJsonLossless, stringifyJsonLossless } from '@tillkit/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../sandbox.ts';
import { receipt, startReceipt } from './test-support.ts';

// The emulator mounted in the real sandbox server on a loopback port: headers, status codes and raw
// bodies as a client sees them over HTTP.

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => {
  await sandbox.close();
});

async function post(path: string, body: string, headers: Record<string, string>): Promise<Response> {
  return fetch(`${sandbox.urls.fiskaltrust}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
}

function credentials(operationId: string = randomUUID()): Record<string, string> {
  const { cashBoxId, accessToken, posSystemId } = sandbox.credentials.fiskaltrust;
  return {
    'x-cashbox-id': cashBoxId,
    'x-cashbox-accesstoken': accessToken,
    'x-possystem-id': posSystemId,
    'x-operation-id': operationId,
  };
}

describe('the fiskaltrust emulator behind the sandbox HTTP server', () => {
  it('signs on the seeded CashBox with 201, replays the same bytes with 200, and keeps ftState exact', async () => {
    const op = randomUUID();
    const body = stringifyJsonLossless(receipt());
    const first = await post('/sign', body, credentials(op));
    const firstText = await first.text();
    const replay = await post('/sign', body, credentials(op));
    expect([first.status, replay.status]).toEqual([201, 200]);
    expect(first.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await replay.text()).toBe(firstText);
    expect(firstText).toContain('"ftState":4707422694881099776');
    expect((parseJsonLossless(firstText) as { ftState: bigint }).ftState).toBe(0x4154_2000_0000_0000n);
  });

  it('answers a wrong access token with the 401 problem+json body', async () => {
    const res = await post('/echo', '{"Message":"x"}', { ...credentials(), 'x-cashbox-accesstoken': 'nope' });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ title: 'Unauthorized', status: 401 });
  });

  it('pairs a CashBox created through the control methods and serves it right away', async () => {
    const box = sandbox.control.fiskaltrust.createCashBox({ country: 'DE' });
    const paired = await post(
      '/pair',
      JSON.stringify({ Pin: sandbox.control.fiskaltrust.pairingPin(box.cashBoxId) }),
      {},
    );
    const { CashBoxId, AccessToken } = (await paired.json()) as { CashBoxId: string; AccessToken: string };
    const headers = {
      'x-cashbox-id': CashBoxId,
      'x-cashbox-accesstoken': AccessToken,
      'x-operation-id': randomUUID(),
    };
    const start = await post('/sign', stringifyJsonLossless(startReceipt()), headers);
    expect(start.status).toBe(201);
    expect((parseJsonLossless(await start.text()) as { ftState: bigint }).ftState).toBe(
      0x4445_2000_0000_0000n,
    );
  });
});
