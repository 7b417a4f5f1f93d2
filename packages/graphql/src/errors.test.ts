import { TillKitError } from '@tillkit/models';
import { describe, expect, it } from 'vitest';
import { makeSchema } from './make-schema.ts';
import { fakeServices } from './testing/doubles.ts';
import { CHECKOUT, codes, harness, START, startOne } from './testing/harness.ts';

const cart = { lines: [{ productId: 'coffee', quantity: 1 }] };

describe('input validation', () => {
  it.each([
    ['an unknown product', { lines: [{ productId: 'tea', quantity: 1 }] }, 'input.lines.0.productId'],
    ['a quantity of zero', { lines: [{ productId: 'mug', quantity: 0 }] }, 'input.lines.0.quantity'],
    ['an empty cart', { lines: [] }, 'input.lines'],
    [
      'a description over 120 characters',
      { lines: [{ productId: 'mug', quantity: 1 }], description: 'x'.repeat(121) },
      'input.description',
    ],
  ])('rejects %s as BAD_USER_INPUT naming the field', async (_what, input, field) => {
    const h = harness();
    const r = await h.run(START, { input });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors?.[0]?.extensions['field']).toBe(field);
    expect(h.services.checkout.attempts.size).toBe(0);
  });

  it.each([
    ['a checkout id without the att_ prefix', { id: 'order-1', token: 'a'.repeat(43) }, 'CheckoutId', 'id'],
    ['a token with illegal characters', { id: 'att_1', token: 'not a token!' }, 'CheckoutToken', 'token'],
  ])('rejects %s in a variable as BAD_USER_INPUT naming the variable', async (_what, vars, scalar, field) => {
    const h = harness();
    const r = await h.run(CHECKOUT, vars);
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors?.[0]?.message).toContain(scalar);
    expect(r.errors?.[0]?.extensions['field']).toBe(field);
  });

  it('answers a query that does not parse with GRAPHQL_PARSE_FAILED', async () => {
    const h = harness();
    expect(codes(await h.run('{ tillkitCheckout(id: '))).toEqual(['GRAPHQL_PARSE_FAILED']);
  });

  it('rejects a float quantity literal before any resolver runs', async () => {
    const h = harness();
    const r = await h.run(
      'mutation { tillkitStartCheckout(input: { lines: [{ productId: "mug", quantity: 1.5 }] }) { token } }',
    );
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors?.[0]?.extensions['field']).toBe('input.lines.0.quantity');
    expect(h.services.checkout.attempts.size).toBe(0);
  });
});

describe('error mapping at the edge', () => {
  it.each([
    ['CONFLICT', 'CONFLICT'],
    ['INVALID_STATE', 'CONFLICT'],
    ['NOT_FOUND', 'NOT_FOUND'],
    ['RATE_LIMITED', 'SERVICE_UNAVAILABLE'],
    ['UPSTREAM_UNAVAILABLE', 'SERVICE_UNAVAILABLE'],
    ['TIMEOUT', 'SERVICE_UNAVAILABLE'],
    ['INVALID_CONFIG', 'INTERNAL_SERVER_ERROR'],
    ['MAC_INVALID', 'INTERNAL_SERVER_ERROR'],
    ['INTERNAL', 'INTERNAL_SERVER_ERROR'],
  ] as const)('maps a TillKitError %s from a service to %s', async (tk, gql) => {
    const h = harness();
    h.services.checkout.failNext = new TillKitError(tk, 'upstream said no');
    expect(codes(await h.run(START, { input: cart }))).toEqual([gql]);
  });

  it('masks a non-TillKit error: no message, no stack, but the host hears of it', async () => {
    const h = harness();
    const boom = new Error('connect ECONNREFUSED 10.0.0.7 with access_token=sk_live_secret');
    h.services.checkout.failNext = boom;
    const r = await h.run(START, { input: cart });
    expect(codes(r)).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(JSON.stringify(r)).not.toMatch(/ECONNREFUSED|sk_live_secret|stack/);
    expect(h.unexpected).toEqual([boom]);
  });

  it.each([
    ['a fiskaltrust 401', 'UNAUTHENTICATED', 401, 'POST /v2/sign failed with HTTP 401: bad token'],
    ['a POS 403', 'FORBIDDEN', 403, 'GET /pos/v1/cash-registers/CR-1 failed with HTTP 403'],
    ['a POS 404', 'NOT_FOUND', 404, 'GET /pos/v1/fiscal-days/9 failed with HTTP 404'],
    ['a Paysera 400', 'VALIDATION_FAILED', 400, 'POST /transaction failed with HTTP 400: bad price'],
    ['a Paysera 409', 'CONFLICT', 409, 'PUT /transaction/abc/confirm failed with HTTP 409'],
  ] as const)(
    'never shows %s to a shopper: a stable code, the detail to the host',
    async (_w, code, status, message) => {
      const h = harness();
      const upstream = new TillKitError(code, message, { status, details: { upstreamStatus: status } });
      h.services.checkout.failNext = upstream;
      const r = await h.run(START, { input: cart });
      expect(codes(r)).toEqual(['INTERNAL_SERVER_ERROR']);
      expect(JSON.stringify(r)).not.toMatch(/HTTP|\/v2|\/pos|transaction/);
      expect(h.unexpected).toEqual([upstream]);
    },
  );

  it('says every spot is busy (retryable) when the engine has no free spot', async () => {
    const h = harness();
    h.services.checkout.failNext = new TillKitError('CONFLICT', 'No a free spot at location 7 is available', {
      details: { locationId: 7, reason: 'no_free_spot' },
    });
    const r = await h.run(START, { input: cart });
    expect(r.errors?.[0]?.extensions).toEqual({ code: 'NO_FREE_SPOT', retryable: true });
    expect(r.errors?.[0]?.message).not.toContain('No a free spot');
  });

  it('masks an upstream error message that is not meant for shoppers', async () => {
    const h = harness();
    h.services.checkout.failNext = new TillKitError('MAC_INVALID', 'MAC key mk-123 rejected');
    const r = await h.run(START, { input: cart });
    expect(r.errors?.[0]?.message).toBe('Unexpected error.');
  });

  it('tells a shopper a service is unavailable as retryable, with the wait when known', async () => {
    const h = harness();
    const c = await startOne(h);
    h.services.checkout.set(c.id, 'confirmed');
    h.services.checkout.failNext = new TillKitError('UPSTREAM_UNAVAILABLE', 'fiskaltrust 503', {
      retryAfterMs: 2000,
    });
    const r = await h.run(CHECKOUT, c);
    expect(r.errors?.[0]?.extensions).toEqual({
      code: 'SERVICE_UNAVAILABLE',
      retryable: true,
      retryAfterMs: 2000,
    });
  });
});

describe('configuration', () => {
  it('rejects weak secrets at construction, naming each field and never echoing the values', () => {
    let caught: unknown;
    try {
      makeSchema(fakeServices(), { merchantApiKey: 'short-key', checkoutTokenSecret: 'also-short' });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(TillKitError);
    const e = caught as TillKitError;
    expect(e.code).toBe('INVALID_CONFIG');
    expect(e.issues.map((i) => i.path)).toEqual(['merchantApiKey', 'checkoutTokenSecret']);
    expect(e.message).not.toMatch(/short-key|also-short/);
  });
});
