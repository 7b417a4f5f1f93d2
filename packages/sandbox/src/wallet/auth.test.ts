import { signMac } from '@tillkit/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../sandbox.ts';
import { obj, wallet } from '../testing/helpers.ts';

let s: Sandbox;
beforeAll(async () => {
  s = await startSandbox();
});
afterAll(() => s.close());

const unauthorized = (r: { status: number; body: unknown }) => {
  expect(r.status).toBe(401);
  expect(obj(r as never)).toMatchObject({ error: 'unauthorized', error_description: expect.any(String) });
};

describe('Wallet MAC authentication', () => {
  it('answers GET /server without auth with the server time', async () => {
    const res = await fetch(`${s.urls.wallet}/server`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { time: number };
    expect(Math.abs(body.time - Date.now() / 1000)).toBeLessThan(60);
  });

  it('accepts a request signed by @tillkit/auth with the host and port the client connected to', async () => {
    const res = await wallet(s, 'GET', '/spots?status=free');
    expect(res.status).toBe(200);
    expect((obj(res)['spots'] as unknown[]).length).toBe(s.credentials.wallet.spots.length);
  });

  it('rejects a request without Authorization', async () => {
    unauthorized(await wallet(s, 'GET', '/spots', { authorization: null }));
  });

  it('rejects a MAC made with the wrong key', async () => {
    unauthorized(await wallet(s, 'GET', '/spots', { macKey: 'not-the-key' }));
  });

  it('rejects an unknown MAC id', async () => {
    const url = `${s.urls.wallet}/spots`;
    const { authorization } = signMac({ credentials: { macId: 'nobody', macKey: 'x' }, method: 'GET', url });
    unauthorized(await wallet(s, 'GET', '/spots', { authorization }));
  });

  it('rejects a timestamp outside the ±300 s window', async () => {
    unauthorized(await wallet(s, 'GET', '/spots', { timestamp: Math.floor(Date.now() / 1000) - 301 }));
  });

  it('rejects a replayed nonce', async () => {
    const first = await wallet(s, 'GET', '/locations');
    expect(first.status).toBe(200);
    unauthorized(await wallet(s, 'GET', '/locations', { authorization: first.authorization }));
  });

  it('rejects a body that does not match body_hash', async () => {
    const body = { payments: [{ description: 'Tea', price: 300, currency: 'EUR' }] };
    const tampered = JSON.stringify({ payments: [{ description: 'Tea', price: 1, currency: 'EUR' }] });
    unauthorized(await wallet(s, 'POST', '/transaction', { body, sendBody: tampered }));
  });

  it('rejects a MAC signed for another port', async () => {
    const other = new URL(s.urls.wallet);
    other.port = String(Number(other.port) + 1);
    const { authorization } = signMac({
      credentials: s.credentials.wallet,
      method: 'GET',
      url: `${other.href}/spots`,
    });
    unauthorized(await wallet(s, 'GET', '/spots', { authorization }));
  });
});
