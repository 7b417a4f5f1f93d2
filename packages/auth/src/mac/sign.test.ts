import { isTillKitError } from '@tillkit/models';
import { describe, expect, it } from 'vitest';
import { buildExt, macTarget, signMac } from './sign.ts';

const credentials = { macId: 'id', macKey: 'secret-mac-key-value' };

function failure(run: () => unknown): { code: string; message: string; paths: string[] } {
  try {
    run();
  } catch (e) {
    if (isTillKitError(e)) return { code: e.code, message: e.message, paths: e.issues.map((i) => i.path) };
    throw e;
  }
  throw new Error('expected a TillKitError');
}

describe('macTarget', () => {
  it('uses the explicit port, else 443 for https and 80 for http', () => {
    expect(macTarget('http://localhost:4010/rest/v1/spots').port).toBe(4010);
    expect(macTarget('https://wallet.paysera.com/rest/v1/spots').port).toBe(443);
    expect(macTarget('http://wallet.paysera.com/').port).toBe(80);
  });

  it('keeps a bare trailing ? because it is sent and therefore signed', () => {
    expect(macTarget('https://h.example/a?').pathAndQuery).toBe('/a?');
    expect(macTarget('https://h.example/a?#frag').pathAndQuery).toBe('/a?');
    expect(macTarget('https://h.example/a#frag').pathAndQuery).toBe('/a');
  });

  it('lower-cases the host and drops the fragment', () => {
    expect(macTarget('https://Wallet.Paysera.COM/x?y=Z#f')).toEqual({
      host: 'wallet.paysera.com',
      port: 443,
      pathAndQuery: '/x?y=Z',
    });
  });

  it.each(['/relative/path', 'ftp://h.example/file'])('rejects %s as a URL to sign', (url) => {
    expect(failure(() => macTarget(url))).toMatchObject({ code: 'VALIDATION_FAILED', paths: ['url'] });
  });
});

describe('buildExt', () => {
  it('encodes like PHP http_build_query: body_hash first, then extras in order', () => {
    expect(buildExt(undefined, { b: "x y!'()*~", a: 'é/+' })).toBe('b=x+y%21%27%28%29%2A%7E&a=%C3%A9%2F%2B');
    expect(buildExt('', { a: '1' })).toBe('a=1');
    expect(buildExt(new Uint8Array([1]), { a: '1' })).toMatch(/^body_hash=[A-Za-z0-9%]+&a=1$/);
  });

  it('refuses body_hash as an extra parameter and lone surrogates anywhere', () => {
    expect(failure(() => buildExt('x', { body_hash: 'forged' })).code).toBe('VALIDATION_FAILED');
    expect(failure(() => buildExt(undefined, { a: '\uD800' })).paths).toEqual(['extraParameters']);
  });
});

describe('signMac', () => {
  it('generates a fresh 32-character nonce and the current time when none are given', () => {
    const before = Math.floor(Date.now() / 1000);
    const a = signMac({ credentials, method: 'GET', url: 'https://h.example/' });
    const b = signMac({ credentials, method: 'GET', url: 'https://h.example/' });
    expect(a.nonce).toHaveLength(32);
    expect(a.nonce).not.toBe(b.nonce);
    expect(a.timestamp).toBeGreaterThanOrEqual(before);
    expect(a.authorization).toContain(`ts="${a.timestamp}"`);
  });

  it.each([
    ['a MAC id with a quote', { credentials: { macId: 'a"b', macKey: 'k' } }, 'credentials.macId'],
    ['an empty MAC key', { credentials: { macId: 'id', macKey: '' } }, 'credentials.macKey'],
    ['a fractional timestamp', { timestamp: 1.5 }, 'timestamp'],
    ['a nonce with a backslash', { nonce: 'a\\b' }, 'nonce'],
  ])('rejects %s, naming the field', (_what, change, path) => {
    const f = failure(() => signMac({ credentials, method: 'GET', url: 'https://h.example/', ...change }));
    expect(f.paths).toEqual([path]);
    expect(f.message).not.toContain(credentials.macKey);
  });
});
