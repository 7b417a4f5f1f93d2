import { isTillKitError } from '@tillkit/models';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryNonceStore } from './nonce-store.ts';
import { macTarget, signMac } from './sign.ts';
import { type VerifyMacInput, verifyMac } from './verify.ts';

const credentials = { macId: 'prop-id', macKey: 'prop-key-0123456789abcdef' };
const now = 1_800_000_000;

const method = fc.oneof(
  fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
  fc.stringMatching(/^[a-z]{1,8}$/),
);
const url = fc.webUrl({
  validSchemes: ['http', 'https'],
  withQueryParameters: true,
  authoritySettings: { withPort: true },
});
const body = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.uint8Array({ maxLength: 200 }));
const extraParameters = fc.dictionary(
  fc.string({ unit: 'grapheme', maxLength: 12 }).filter((k) => k !== 'body_hash'),
  fc.string({ unit: 'grapheme', maxLength: 24 }),
  { maxKeys: 4 },
);

interface Request {
  method: string;
  url: string;
  body: string | Uint8Array;
  extraParameters: Record<string, string>;
}
const requestArb: fc.Arbitrary<Request> = fc.record({ method, url, body, extraParameters });

/** Signs `r` and returns what a server receiving it would pass to verifyMac. */
function sent(r: Request): VerifyMacInput {
  const { authorization } = signMac({ credentials, ...r, timestamp: now });
  const target = macTarget(r.url);
  return {
    authorization,
    method: r.method,
    ...target,
    body: typeof r.body === 'string' ? Buffer.from(r.body, 'utf8') : r.body,
    lookupKey: (id) => (id === credentials.macId ? credentials.macKey : undefined),
    nonces: createMemoryNonceStore(),
    nowSeconds: now,
  };
}

function codeOf(input: VerifyMacInput): string {
  try {
    verifyMac(input);
    return 'ACCEPTED';
  } catch (e) {
    if (isTillKitError(e)) return e.code;
    throw e;
  }
}

function replaceAt(text: string, index: number, char: string): string {
  return text.slice(0, index) + char + text.slice(index + 1);
}

describe('MAC sign → verify properties', () => {
  it('verifies every request it signed and hands back the extra parameters', () => {
    fc.assert(
      fc.property(requestArb, (r) => {
        expect(verifyMac(sent(r))).toEqual({ macId: 'prop-id', extParameters: r.extraParameters });
      }),
    );
  });

  it('rejects any single-byte change of a non-empty body as MAC_BODY_HASH_MISMATCH', () => {
    const withBody = fc.record({
      method,
      url,
      body: fc.uint8Array({ minLength: 1, maxLength: 200 }),
      extraParameters,
    });
    fc.assert(
      fc.property(withBody, fc.nat(), fc.integer({ min: 1, max: 255 }), (r, at, flip) => {
        const input = sent(r);
        const tampered = Uint8Array.from(input.body);
        const index = at % tampered.length;
        tampered[index] = (tampered[index] ?? 0) ^ flip;
        expect(codeOf({ ...input, body: tampered })).toBe('MAC_BODY_HASH_MISMATCH');
      }),
    );
  });

  it('rejects any single-character change of the path or query as MAC_INVALID', () => {
    const printable = fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(requestArb, fc.nat(), printable, (r, at, char) => {
        const input = sent(r);
        const index = at % input.pathAndQuery.length;
        fc.pre(input.pathAndQuery[index] !== char);
        expect(codeOf({ ...input, pathAndQuery: replaceAt(input.pathAndQuery, index, char) })).toBe(
          'MAC_INVALID',
        );
      }),
    );
  });

  it('rejects any single-character change of the header mac as MAC_INVALID', () => {
    const base64Char = fc.constantFrom(
      ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=',
    );
    fc.assert(
      fc.property(requestArb, fc.nat(), base64Char, (r, at, char) => {
        const input = sent(r);
        const header = input.authorization ?? '';
        const macStart = header.indexOf('mac="') + 'mac="'.length;
        const index = macStart + (at % 44);
        fc.pre(header[index] !== char);
        expect(codeOf({ ...input, authorization: replaceAt(header, index, char) })).toBe('MAC_INVALID');
      }),
    );
  });

  it('signs exactly the path and raw query the URL serializes onto the wire', () => {
    fc.assert(
      fc.property(url, (raw) => {
        const u = new URL(raw);
        const target = macTarget(raw);
        expect(`${u.protocol}//${u.host}${target.pathAndQuery}`).toBe(u.href);
        expect(target.host).toBe(u.hostname);
        expect(target.port).toBe(u.port === '' ? (u.protocol === 'https:' ? 443 : 80) : Number(u.port));
      }),
    );
  });
});
