import { randomUUID } from 'node:crypto';
import { fiskaltrustHeaders } from '@tillkit/auth';
import { parseJsonLossless, ReceiptResponse, stringifyJsonLossless } from '@tillkit/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from './sandbox.ts';
import { control, obj } from './testing/helpers.ts';

let s: Sandbox;
beforeAll(async () => {
  s = await startSandbox();
});
afterAll(() => s.close());

const receipt = (reference: string) => ({
  cbTerminalID: 'T1',
  cbReceiptReference: reference,
  cbReceiptMoment: new Date().toISOString(),
  cbChargeItems: [
    { Quantity: 1, Description: 'Coffee', Amount: 3.5, VATRate: 20, ftChargeItemCase: 0x2000_0000_0013n },
  ],
  cbPayItems: [{ Description: 'Cash', Amount: 3.5, ftPayItemCase: 0x2000_0000_0001n }],
  ftReceiptCase: 0x2000_0000_0001n,
});

async function sign(reference: string, headers: Record<string, string>) {
  const res = await fetch(`${s.urls.fiskaltrust}/sign`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json', 'x-operation-id': randomUUID() },
    body: stringifyJsonLossless(receipt(reference)),
  });
  return { status: res.status, body: parseJsonLossless(await res.text()) };
}

describe('the fiskaltrust emulator mounted under /v2', () => {
  it('signs a receipt with the seeded CashBox credentials', async () => {
    const res = await sign('MOUNT-1', fiskaltrustHeaders(s.credentials.fiskaltrust));
    expect(res.status).toBe(201);
    expect(ReceiptResponse.parse(res.body).cbReceiptReference).toBe('MOUNT-1');
  });

  it('answers 401 with a wrong access token', async () => {
    const res = await sign(
      'MOUNT-2',
      fiskaltrustHeaders({ ...s.credentials.fiskaltrust, accessToken: 'wrong' }),
    );
    expect(res.status).toBe(401);
  });

  it('shows the journal and switches faults through /_sandbox/fiskaltrust', async () => {
    const id = s.credentials.fiskaltrust.cashBoxId;
    const journal = await control(s, 'GET', `/fiskaltrust/cashboxes/${id}/journal`);
    expect(journal.status).toBe(200);
    expect(s.control.fiskaltrust.journal(id).queueItems.length).toBeGreaterThan(0);
    const state = await control(s, 'PATCH', `/fiskaltrust/cashboxes/${id}/state`, { scuFailed: true });
    expect(obj(state)['scuFailed']).toBe(true);
    s.control.fiskaltrust.setState(id, { scuFailed: false });
    expect((await control(s, 'GET', `/fiskaltrust/cashboxes/${randomUUID()}/journal`)).status).toBe(404);
    expect(
      (await control(s, 'PATCH', `/fiskaltrust/cashboxes/${id}/state`, { scuFailed: 'yes' })).status,
    ).toBe(400);
  });

  it('counts signs in the request stats, so benches can read them', async () => {
    const before = s.control.count('POST /v2/sign');
    await sign('MOUNT-3', fiskaltrustHeaders(s.credentials.fiskaltrust));
    expect(s.control.count('POST /v2/sign')).toBe(before + 1);
  });

  it('answers an unsupported API version path with 400 ProblemDetails, as fiskaltrust does, not 404', async () => {
    const res = await fetch(`${s.url}/v1/sign`, {
      method: 'POST',
      headers: {
        ...fiskaltrustHeaders(s.credentials.fiskaltrust),
        'content-type': 'application/json',
        'x-operation-id': randomUUID(),
      },
      body: stringifyJsonLossless(receipt('R-v1')),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});
