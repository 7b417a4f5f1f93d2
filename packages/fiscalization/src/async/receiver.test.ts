import { describe, expect, it } from 'vitest';
import { signCallback, verifyCallbackSignature } from './callback-signature.ts';
import { createCallbackReceiver } from './receiver.ts';

const secret = 'callback-secret-0123456789';
const now = 1_790_000_000;
const payload = {
  OperationID: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
  QueueID: null,
  State: 'failed',
  StateMessage: 'FISCAL_ERROR: queue out of operation',
};
const rawBody = JSON.stringify(payload);

function post(body: string, signature: string | undefined): Request {
  return new Request('http://127.0.0.1/callbacks/fiscal', {
    method: 'POST',
    body,
    headers: signature === undefined ? {} : { 'x-tillkit-signature': signature },
  });
}

describe('callback signatures', () => {
  it('accepts the signature of the exact body within the tolerance', () => {
    const header = signCallback(secret, rawBody, now);
    expect(() => verifyCallbackSignature({ secret, rawBody, header, nowSeconds: now + 10 })).not.toThrow();
  });

  it('rejects a changed body, another secret, an old timestamp and a malformed header', () => {
    const header = signCallback(secret, rawBody, now);
    const check = (o: { body?: string; key?: string; header?: string; at?: number }) => () =>
      verifyCallbackSignature({
        secret: o.key ?? secret,
        rawBody: o.body ?? rawBody,
        header: o.header ?? header,
        nowSeconds: o.at ?? now,
      });
    expect(check({ body: rawBody.replace('failed', 'done') })).toThrow(/does not match/);
    expect(check({ key: 'another-secret-0123456789' })).toThrow(/does not match/);
    expect(check({ at: now + 301 })).toThrow(/tolerance/);
    expect(check({ header: 'v1=abc' })).toThrow(/malformed/);
  });
});

describe('createCallbackReceiver', () => {
  it('hands a verified, valid payload to the handler and answers 204', async () => {
    const seen: unknown[] = [];
    const receive = createCallbackReceiver({
      secret,
      nowSeconds: () => now,
      onCallback: (p) => void seen.push(p),
    });
    const res = await receive(post(rawBody, signCallback(secret, rawBody, now)));
    expect(res.status).toBe(204);
    expect(seen).toEqual([payload]);
  });

  it('answers 401 without calling the handler when the signature is missing or wrong', async () => {
    const seen: unknown[] = [];
    const receive = createCallbackReceiver({
      secret,
      nowSeconds: () => now,
      onCallback: (p) => void seen.push(p),
    });
    expect((await receive(post(rawBody, undefined))).status).toBe(401);
    expect((await receive(post(rawBody, signCallback('wrong-secret-0123456789', rawBody, now)))).status).toBe(
      401,
    );
    expect(seen).toEqual([]);
  });

  it('answers 400 for a correctly signed body that is not a callback payload', async () => {
    const receive = createCallbackReceiver({ secret, nowSeconds: () => now, onCallback: () => {} });
    const body = JSON.stringify({ OperationID: 'not-a-uuid', State: 'maybe' });
    expect((await receive(post(body, signCallback(secret, body, now)))).status).toBe(400);
  });

  it('answers 500 when the handler throws, so the sender retries', async () => {
    const receive = createCallbackReceiver({
      secret,
      nowSeconds: () => now,
      onCallback: () => {
        throw new Error('database down');
      },
    });
    expect((await receive(post(rawBody, signCallback(secret, rawBody, now)))).status).toBe(500);
  });
});
