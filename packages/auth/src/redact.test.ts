import { isTillKitError, TillKitError } from '@tillkit/models';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bearerAuthorization } from './bearer.ts';
import { fiskaltrustHeaders } from './fiskaltrust.ts';
import { createRedactor, isSecretKey, REDACTED } from './redact.ts';

const macKey = 'IrdTc8uQodU7PRpLzzLTW6wqZAO6tAMU';
const accessToken = 'ft-access/token+with=chars';
const pat = 'pat_9f8e7d6c5b4a';

/** Every string reachable from `v`, own properties enumerable or not, so nothing hides from the check. */
function allText(v: unknown, seen = new Set<unknown>()): string {
  if (typeof v === 'string') return v;
  if (typeof v !== 'object' || v === null || seen.has(v)) return '';
  seen.add(v);
  if (v instanceof Headers || v instanceof Map) return [...v].map((e) => allText(e, seen)).join('\n');
  if (v instanceof URL) return v.href;
  return Reflect.ownKeys(v)
    .map(
      (k) =>
        `${String(k)}=${allText(Object.getOwnPropertyDescriptor(v, k)?.get ? (v as Record<PropertyKey, unknown>)[k] : Object.getOwnPropertyDescriptor(v, k)?.value, seen)}`,
    )
    .join('\n');
}

describe('createRedactor', () => {
  it('leaves no registered secret anywhere in nested objects, headers, errors or strings', () => {
    const redact = createRedactor([macKey, accessToken]);
    redact.add(pat);
    const cause = new Error(`upstream said: bad key ${macKey}`);
    const error = new TillKitError('UNAUTHENTICATED', `request with ${pat} failed`, {
      cause,
      details: { sent: accessToken },
    });
    const logged = {
      request: {
        url: new URL(`https://h.example/x?access_token=${encodeURIComponent(accessToken)}`),
        headers: {
          authorization: bearerAuthorization(pat),
          ...fiskaltrustHeaders({ cashBoxId: 'cb-1', accessToken }),
        },
        fetchHeaders: new Headers({ Authorization: bearerAuthorization(pat), 'x-trace': `t-${macKey}` }),
        body: JSON.stringify({ note: `key is ${macKey}`, nested: [{ deeper: { value: accessToken } }] }),
      },
      signer: { macId: 'wkVd93h2uS', macKey },
      meta: new Map<string, unknown>([
        ['token', pat],
        ['free', `text ${pat}`],
      ]),
      list: [macKey, { accessToken }, [[`x${accessToken}y`]]],
      error,
    };
    const text = allText(redact.value(logged));
    for (const secret of [macKey, accessToken, encodeURIComponent(accessToken), pat])
      expect(text).not.toContain(secret);
    expect(text).toContain(REDACTED);
    expect(text).toContain('wkVd93h2uS');
  });

  it('keeps the shape and kind of what it redacts', () => {
    const redact = createRedactor([macKey]);
    const error = new TillKitError('MAC_INVALID', `bad ${macKey}`);
    const out = redact.value({ error, n: 1, ok: true, none: null, when: new Date(0), list: [1, 'a'] });
    expect(isTillKitError(out.error)).toBe(true);
    expect(out.error).toBeInstanceOf(TillKitError);
    expect(out.error.code).toBe('MAC_INVALID');
    expect(out.error.message).toBe(`bad ${REDACTED}`);
    expect(out).toMatchObject({ n: 1, ok: true, none: null, when: new Date(0), list: [1, 'a'] });
    expect(error.message).toBe(`bad ${macKey}`);
  });

  it('blanks secret-looking keys even when the secret was never registered', () => {
    const out = createRedactor().value({
      Authorization: 'MAC id="x"',
      'x-cashbox-accesstoken': 'abc',
      password: 'p',
      macKey: 'k',
      apiKey: undefined,
    });
    expect(out).toEqual({
      Authorization: REDACTED,
      'x-cashbox-accesstoken': REDACTED,
      password: REDACTED,
      macKey: REDACTED,
      apiKey: undefined,
    });
  });

  it('removes any Bearer token from free text', () => {
    expect(createRedactor().text('GET /x Authorization: Bearer abc.DEF-123== done')).toBe(
      `GET /x Authorization: Bearer ${REDACTED} done`,
    );
  });

  it('survives cycles and never calls getters', () => {
    const redact = createRedactor([macKey]);
    const node: Record<string, unknown> = { name: macKey };
    node['self'] = node;
    Object.defineProperty(node, 'computed', { get: () => macKey, enumerable: true });
    const out = redact.value(node);
    expect(out['self']).toBe(out);
    expect(out['computed']).toBe(REDACTED);
    expect(out['name']).toBe(REDACTED);
  });

  it('ignores secrets too short to redact meaningfully', () => {
    expect(createRedactor(['abc']).text('abcabc')).toBe('abcabc');
  });

  it('removes an arbitrary secret wherever it is embedded in arbitrary text', () => {
    const secret = fc.string({ unit: 'grapheme', minLength: 4, maxLength: 40 });
    fc.assert(
      fc.property(
        secret,
        fc.string({ unit: 'grapheme' }),
        fc.string({ unit: 'grapheme' }),
        (s, before, after) => {
          const redact = createRedactor([s]);
          const input = {
            message: `${before}${s}${after}`,
            json: JSON.stringify({ v: s }),
            url: `?q=${encodeURIComponent(s)}`,
          };
          expect(allText(redact.value(input))).not.toContain(s);
          expect(redact.text(input.json)).not.toContain(JSON.stringify(s).slice(1, -1));
        },
      ),
    );
  });
});

describe('isSecretKey', () => {
  it.each([
    'authorization',
    'Proxy-Authorization',
    'x-cashbox-accesstoken',
    'access_token',
    'macKey',
    'clientSecret',
    'Pin',
  ])('treats %s as secret', (k) => {
    expect(isSecretKey(k)).toBe(true);
  });
  it.each(['macId', 'cashBoxId', 'x-operation-id', 'idempotencyKey', 'nonce', 'mac'])(
    'treats %s as public',
    (k) => {
      expect(isSecretKey(k)).toBe(false);
    },
  );
});
