import { generateKeyPairSync, sign } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection, useSandbox } from '../testing/sandbox.ts';
import { createWalletPublicKey, verifyWalletCallback } from './callback.ts';
import { createWalletClient, type WalletClient } from './client.ts';

// A callback sent by the sandbox (signed with its own RSA key, as Paysera signs with its) is received by a
// real loopback server, then verified and parsed as PHP's Callback/Handler does: signature first, then the
// `{type, object, data}` event.

const sandbox = useSandbox({ wallet: { spots: 6 } });
let wallet: WalletClient;
const bodies: string[] = [];
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => {
    body += c.toString('utf8');
  });
  req.on('end', () => {
    bodies.push(body);
    res.writeHead(200).end();
  });
});
let callbackUri = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  callbackUri = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/cb`;
  const { macId, macKey, projectId } = sandbox().credentials.wallet;
  wallet = createWalletClient({ credentials: { macId, macKey }, baseUrl: sandbox().urls.wallet, projectId });
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      receiver.closeAllConnections();
      receiver.close(() => resolve());
    }),
);

let spotIndex = 0;
/** A callback the sandbox delivered for a customer's accept (reserved). */
async function receivedCallback(): Promise<{ body: string; key: string }> {
  const spot = sandbox().credentials.wallet.spots[spotIndex++] as { id: number; code: string };
  sandbox().control.wallet.scan(spot.code);
  const tx = await wallet.createTransaction({
    payments: [{ description: 'Table', price: 1500, currency: 'EUR' }],
    callback_uri: callbackUri,
  });
  await wallet.attachOrder(spot.id, tx.transaction_key);
  const before = bodies.length;
  sandbox().control.wallet.accept(spot.id);
  await sandbox().control.walletCallbacks.idle();
  expect(bodies.length).toBe(before + 1);
  return { body: bodies.at(-1) as string, key: tx.transaction_key };
}

const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherPem = otherKey.publicKey.export({ type: 'spki', format: 'pem' }).toString();
/** A form signed with a key that is not the sandbox's (a forger's, or ours to test parsing). */
const signedWithOther = (event: string) =>
  new URLSearchParams({
    event,
    sign: sign('sha256', Buffer.from(event), otherKey.privateKey).toString('base64'),
  });

describe('verifyWalletCallback', () => {
  it("verifies the sandbox's signed form POST and returns the typed transaction event", async () => {
    const { body, key } = await receivedCallback();
    const pem = await createWalletPublicKey({ url: sandbox().urls.walletPublicKey }).get();
    const event = verifyWalletCallback(body, pem);
    expect(event).toMatchObject({ type: 'reserved', object: 'transaction' });
    expect(event.object === 'transaction' && event.data.transaction_key).toBe(key);
    expect(verifyWalletCallback(new URLSearchParams(body), pem).type).toBe('reserved');
  });

  it('refuses a tampered event or a foreign key with SIGNATURE_INVALID', async () => {
    const { body } = await receivedCallback();
    const pem = await sandbox().control.walletCallbacks.publicKeyPem();
    const form = new URLSearchParams(body);
    const tampered = (form.get('event') as string).replace('"reserved"', '"confirmed"');
    const forged = { event: tampered, sign: form.get('sign') as string };
    expect(() => verifyWalletCallback(forged, pem)).toThrow(
      expect.objectContaining({ code: 'SIGNATURE_INVALID' }),
    );
    expect(() => verifyWalletCallback(body, otherPem)).toThrow(
      expect.objectContaining({ code: 'SIGNATURE_INVALID' }),
    );
  });

  it('names a missing field, a non-JSON event, an unknown object and a bad transaction', () => {
    const issue = (form: Parameters<typeof verifyWalletCallback>[0]) => {
      try {
        verifyWalletCallback(form, otherPem);
      } catch (e) {
        const error = e as { code: string; issues: Array<{ path: string }> };
        return [error.code, error.issues.map((i) => i.path)];
      }
      return expect.unreachable('accepted');
    };
    expect(issue({ event: '{}' })).toEqual(['VALIDATION_FAILED', ['sign']]);
    expect(issue('sign=abc')).toEqual(['VALIDATION_FAILED', ['event']]);
    expect(issue(signedWithOther('not json'))).toEqual(['VALIDATION_FAILED', ['event']]);
    expect(issue(signedWithOther('{"type":"reserved","object":"card","data":{}}'))).toEqual([
      'VALIDATION_FAILED',
      ['object'],
    ]);
    const badTx =
      '{"type":"reserved","object":"transaction","data":{"transaction_key":"k","status":"reserved"}}';
    expect(issue(signedWithOther(badTx))).toEqual(['VALIDATION_FAILED', ['data.created_at']]);
    expect(() => verifyWalletCallback(signedWithOther('{}'), 'not a key')).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG' }),
    );
  });
});

describe('createWalletPublicKey', () => {
  it('fetches the key once through @tillkit/http and serves it from the cache until the TTL ends', async () => {
    let now = 0;
    const key = createWalletPublicKey({ url: sandbox().urls.walletPublicKey, ttlMs: 1000, clock: () => now });
    const [a, b] = await Promise.all([key.get(), key.get()]);
    expect(a).toBe(b);
    await key.get();
    expect(sandbox().control.count('GET /publickey')).toBe(1);
    now = 1000;
    await key.get();
    expect(sandbox().control.count('GET /publickey')).toBe(2);
  });

  it('re-fetches an old key once when a signature fails, but not for forgeries against a fresh key', async () => {
    const { body } = await receivedCallback();
    let now = 0;
    const key = createWalletPublicKey({ url: sandbox().urls.walletPublicKey, clock: () => now });
    expect((await key.verify(body)).type).toBe('reserved');
    const forged = signedWithOther('{"type":"reserved","object":"transaction","data":{}}');
    expect((await rejection(key.verify(forged))).code).toBe('SIGNATURE_INVALID');
    expect(sandbox().control.count('GET /publickey')).toBe(1);
    now = 300_000;
    expect((await rejection(key.verify(forged))).code).toBe('SIGNATURE_INVALID');
    expect(sandbox().control.count('GET /publickey')).toBe(2);
  });

  it('maps a key endpoint that fails or answers no PEM to a TillKitError', async () => {
    sandbox().control.faults.add({ route: 'GET /publickey', kind: 'error', status: 404, times: 1 });
    const key = createWalletPublicKey({ url: sandbox().urls.walletPublicKey });
    expect((await rejection(key.get())).code).toBe('NOT_FOUND');
    const notPem = createWalletPublicKey({ url: `${sandbox().urls.wallet}/server` });
    expect((await rejection(notPem.get())).code).toBe('INVALID_RESPONSE');
  });
});
