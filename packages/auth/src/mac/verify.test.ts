import { isTillKitError } from '@tillkit/models';
import { describe, expect, it } from 'vitest';
import { computeMac } from './compute.ts';
import { createMemoryNonceStore, type NonceStore } from './nonce-store.ts';
import { signMac } from './sign.ts';
import { type VerifyMacInput, verifyMac } from './verify.ts';

const credentials = { macId: 'merchant-1', macKey: 'k3y-Th4t-Must-N3ver-Leak-0123456789' };
const ts = 1_700_000_000;
const url = 'https://wallet.paysera.com/rest/v1/transaction?fields=*';
const body = '{"payments":[{"description":"Table 1","price":2599,"currency":"EUR"}]}';

// Commas and spaces are legal nonce characters, so the header parser must not split on them.
const signedNonce = 'n0nce, with no quotes';

function signed(overrides: Partial<Parameters<typeof signMac>[0]> = {}) {
  return signMac({ credentials, method: 'POST', url, body, timestamp: ts, nonce: signedNonce, ...overrides });
}

function request(overrides: Partial<VerifyMacInput> = {}): VerifyMacInput {
  return {
    authorization: signed().authorization,
    method: 'POST',
    pathAndQuery: '/rest/v1/transaction?fields=*',
    host: 'wallet.paysera.com',
    port: 443,
    body: Buffer.from(body),
    lookupKey: (id) => (id === credentials.macId ? credentials.macKey : undefined),
    nonces: createMemoryNonceStore(),
    nowSeconds: ts,
    ...overrides,
  };
}

function codeOf(input: VerifyMacInput): string {
  try {
    verifyMac(input);
  } catch (e) {
    if (!isTillKitError(e)) throw e;
    expect(e.message).not.toContain(credentials.macKey);
    expect(e.status).toBe(401);
    return e.code;
  }
  return 'ACCEPTED';
}

describe('verifyMac', () => {
  it('accepts a freshly signed request and returns its id and extra ext parameters', () => {
    const authorization = signed({ extraParameters: { project_id: '1221', note: 'a b/c' } }).authorization;
    expect(verifyMac(request({ authorization }))).toEqual({
      macId: 'merchant-1',
      extParameters: { project_id: '1221', note: 'a b/c' },
    });
  });

  it.each([
    ['a missing header', undefined],
    ['an empty header', ''],
    ['a Bearer header', 'Bearer abc'],
    ['a header without mac', 'MAC id="merchant-1", ts="1700000000", nonce="x"'],
    ['a header with an empty nonce', 'MAC id="merchant-1", ts="1700000000", nonce="", mac="x"'],
    ['a header with a non-numeric ts', 'MAC id="merchant-1", ts="soon", nonce="x", mac="x"'],
    ['a header with a repeated id', 'MAC id="a", id="merchant-1", ts="1700000000", nonce="x", mac="x"'],
    ['a header with unquoted values', 'MAC id=merchant-1, ts=1700000000, nonce=x, mac=x'],
    [
      'a header with a broken ext escape',
      'MAC id="merchant-1", ts="1700000000", nonce="x", mac="x", ext="a=%ZZ"',
    ],
  ])('rejects %s as MAC_MALFORMED', (_what, authorization) => {
    expect(codeOf(request({ authorization }))).toBe('MAC_MALFORMED');
  });

  it('rejects an authentic ext carrying two body hashes as MAC_MALFORMED', () => {
    const ext = 'body_hash=a&body_hash=b';
    const authorization = `MAC id="merchant-1", ts="${ts}", nonce="${signedNonce}", mac="${macFor(ext)}", ext="${ext}"`;
    expect(codeOf(request({ authorization }))).toBe('MAC_MALFORMED');
  });

  it('rejects an id it has no key for as MAC_UNKNOWN_ID', () => {
    expect(codeOf(request({ lookupKey: () => undefined }))).toBe('MAC_UNKNOWN_ID');
  });

  it('rejects a request signed with another key as MAC_INVALID', () => {
    const authorization = signMac({
      credentials: { ...credentials, macKey: 'other-key' },
      method: 'POST',
      url,
      body,
      timestamp: ts,
    }).authorization;
    expect(codeOf(request({ authorization }))).toBe('MAC_INVALID');
  });

  it.each([
    ['method', { method: 'PUT' }],
    ['path', { pathAndQuery: '/rest/v1/transaction?fields=id' }],
    ['host', { host: 'evil.example' }],
    ['port', { port: 8443 }],
  ] as const)('rejects a request whose %s differs from the signed one as MAC_INVALID', (_field, change) => {
    expect(codeOf(request(change))).toBe('MAC_INVALID');
  });

  it('rejects a changed ext as MAC_INVALID because ext is signed verbatim', () => {
    const authorization = signed({ extraParameters: { project_id: '1' } }).authorization.replace(
      'project_id=1',
      'project_id=2',
    );
    expect(codeOf(request({ authorization }))).toBe('MAC_INVALID');
  });

  it('rejects a body that does not match body_hash as MAC_BODY_HASH_MISMATCH', () => {
    expect(codeOf(request({ body: Buffer.from(body.replace('2599', '2598')) }))).toBe(
      'MAC_BODY_HASH_MISMATCH',
    );
  });

  it('rejects a body sent without any body_hash as MAC_BODY_HASH_MISMATCH', () => {
    const authorization = signed({ body: '' }).authorization;
    expect(authorization).not.toContain('ext=');
    expect(codeOf(request({ authorization }))).toBe('MAC_BODY_HASH_MISMATCH');
  });

  it('accepts an empty ext="" as the Swift SDK sends it', () => {
    const authorization = `${signed({ method: 'GET', body: '' }).authorization}, ext=""`;
    expect(verifyMac(request({ authorization, method: 'GET', body: new Uint8Array() })).macId).toBe(
      'merchant-1',
    );
  });

  it('accepts a body_hash whose slashes stay unencoded as the Swift SDK sends them', () => {
    // Find a body whose hash contains a `/`, then sign the Swift form of ext by hand.
    let swiftBody = '';
    let hash = '';
    for (let i = 0; !hash.includes('/'); i++) {
      swiftBody = `{"n":${i}}`;
      hash = signed({ body: swiftBody }).ext.replace('body_hash=', '');
      hash = decodeURIComponent(hash);
    }
    const ext = `body_hash=${hash.replace(/\+/g, '%2B').replace(/=/g, '%3D')}`;
    expect(ext).toContain('/');
    const authorization = `MAC id="merchant-1", ts="${ts}", nonce="n", mac="${macFor(ext, 'n')}", ext="${ext}"`;
    expect(codeOf(request({ authorization, body: Buffer.from(swiftBody) }))).toBe('ACCEPTED');
  });

  it.each([
    ['too old', ts + 301],
    ['too far in the future', ts - 301],
  ])('rejects a timestamp %s as MAC_TIMESTAMP_SKEW', (_what, nowSeconds) => {
    expect(codeOf(request({ nowSeconds }))).toBe('MAC_TIMESTAMP_SKEW');
  });

  it('accepts a timestamp at the edge of a custom window and rejects one past it', () => {
    expect(codeOf(request({ nowSeconds: ts + 60, windowSeconds: 60 }))).toBe('ACCEPTED');
    expect(codeOf(request({ nowSeconds: ts + 61, windowSeconds: 60 }))).toBe('MAC_TIMESTAMP_SKEW');
  });

  it('rejects the same id, ts and nonce a second time as MAC_NONCE_REPLAYED', () => {
    const nonces = createMemoryNonceStore();
    expect(codeOf(request({ nonces }))).toBe('ACCEPTED');
    expect(codeOf(request({ nonces }))).toBe('MAC_NONCE_REPLAYED');
  });

  it.each([
    ['one leading zero', `0${ts}`],
    ['five leading zeros', `00000${ts}`],
    ['a plus sign', `+${ts}`],
  ])(
    'rejects an authentic header whose ts has %s as MAC_MALFORMED, so a capture cannot be replayed',
    (_what, spelled) => {
      const nonces = createMemoryNonceStore();
      const captured = signed().authorization;
      expect(codeOf(request({ authorization: captured, nonces }))).toBe('ACCEPTED');
      // The MAC covers Number(ts), so the respelled header carries a MAC that matches: only the ts check stops it.
      const respelled = captured.replace(`ts="${ts}"`, `ts="${spelled}"`);
      expect(respelled).not.toBe(captured);
      expect(codeOf(request({ authorization: respelled, nonces }))).toBe('MAC_MALFORMED');
      expect(codeOf(request({ authorization: respelled, nonces: createMemoryNonceStore() }))).toBe(
        'MAC_MALFORMED',
      );
    },
  );

  it('accepts ts="0" as canonical and keys the replay check on the number', () => {
    const calls: string[] = [];
    const authorization = signed({ timestamp: 0 }).authorization;
    expect(authorization).toContain('ts="0"');
    verifyMac(
      request({
        authorization,
        nowSeconds: 0,
        nonces: {
          checkAndRemember: (k) => {
            calls.push(k);
            return true;
          },
        },
      }),
    );
    expect(calls).toEqual([`merchant-1\n0\n${signedNonce}`]);
  });

  it('does not let a forged request burn a nonce', () => {
    const seen: string[] = [];
    const nonces: NonceStore = {
      checkAndRemember: (key) => {
        seen.push(key);
        return true;
      },
    };
    codeOf(request({ nonces, port: 1 }));
    codeOf(request({ nonces, nowSeconds: ts + 1000 }));
    expect(seen).toEqual([]);
  });

  it('remembers nonces until the end of the window after the timestamp', () => {
    const calls: Array<[string, number]> = [];
    verifyMac(
      request({
        nonces: {
          checkAndRemember: (k, e) => {
            calls.push([k, e]);
            return true;
          },
        },
        windowSeconds: 120,
      }),
    );
    expect(calls).toEqual([[`merchant-1\n${ts}\n${signedNonce}`, ts + 120]]);
  });
});

// A MAC over a hand-made ext, for the Swift and duplicate body_hash forms the signer never produces.
function macFor(ext: string, nonce = signedNonce): string {
  return computeMac(credentials.macKey, {
    timestamp: ts,
    nonce,
    method: 'POST',
    pathAndQuery: '/rest/v1/transaction?fields=*',
    host: 'wallet.paysera.com',
    port: 443,
    ext,
  });
}
