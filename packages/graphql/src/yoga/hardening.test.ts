import { afterEach, describe, expect, it } from 'vitest';
import type { FakeServices } from '../testing/doubles.ts';
import { CHECKOUT, START } from '../testing/harness.ts';
import { type Body, closeTestServers, startTestServer as start } from '../testing/http.ts';

afterEach(closeTestServers);

const code = (b: Body) => b.errors?.[0]?.extensions?.['code'];
const cart = { input: { lines: [{ productId: 'mug', quantity: 1 }] } };
const MUTATION =
  'mutation { tillkitStartCheckout(input: { lines: [{ productId: "mug", quantity: 1 }] }) { token } }';

function started(services: FakeServices): number {
  return services.checkout.attempts.size;
}

describe('CSRF: only content types that need a CORS preflight run an operation', () => {
  it.each([
    ['application/x-www-form-urlencoded', `query=${encodeURIComponent(MUTATION)}`],
    [
      'multipart/form-data; boundary=x',
      `--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n${MUTATION}\r\n--x--`,
    ],
    ['text/plain', JSON.stringify({ query: MUTATION })],
  ])('refuses a %s POST with a typed 415 and starts nothing', async (type, body) => {
    const t = await start();
    const r = await t.send({ method: 'POST', headers: { 'content-type': type }, body });
    expect(r.status).toBe(415);
    expect(code(r.body)).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(started(t.services)).toBe(0);
  });

  it('answers an unknown content type with a 415 that has a body', async () => {
    const t = await start();
    const r = await t.send({ method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<q/>' });
    expect(r.status).toBe(415);
    expect(r.headers.get('content-type')).toContain('application/json');
    expect(code(r.body)).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('never runs a mutation over GET', async () => {
    const t = await start();
    const r = await t.send({ method: 'GET' }, `${t.url}?query=${encodeURIComponent(MUTATION)}`);
    expect(r.status).toBe(405);
    expect(started(t.services)).toBe(0);
  });
});

describe('request limits', () => {
  it('refuses a body over the limit with a typed 413 before parsing it', async () => {
    const t = await start({ maxBodyBytes: 1024 });
    const r = await t.post('{ __typename }', { pad: 'x'.repeat(2000) });
    expect(r.status).toBe(413);
    expect(r.body.errors?.[0]?.extensions).toEqual({ code: 'PAYLOAD_TOO_LARGE', limit: 1024 });
  });

  it('refuses a chunked body (no declared length) with a typed 411 instead of buffering it', async () => {
    const t = await start();
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(JSON.stringify({ query: '{ __typename }' })));
        controller.close();
      },
    });
    const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' };
    const r = await t.send(init as RequestInit & { headers: Record<string, string> });
    expect(r.status).toBe(411);
    expect(code(r.body)).toBe('PAYLOAD_TOO_LARGE');
  });

  it('accepts a body just under the limit', async () => {
    const t = await start({ maxBodyBytes: 1024 });
    const r = await t.post('{ __typename }', { pad: 'x'.repeat(900) });
    expect(r.status).toBe(200);
    expect(r.body.errors).toBeUndefined();
  });

  it('keeps the default limit far below yoga’s 50 MB: 10 MB is refused', async () => {
    const t = await start();
    const r = await t.post('{ __typename }', { pad: 'x'.repeat(10 * 1024 * 1024) });
    expect(r.status).toBe(413);
  });

  it.each(['%7Bbad', '[1,2]', '"str"', '42'])(
    'answers GET with variables=%s as a typed 400, not a 500',
    async (variables) => {
      const t = await start();
      const q = encodeURIComponent('{ __typename }');
      const r = await t.send({ method: 'GET' }, `${t.url}?query=${q}&variables=${variables}`);
      expect(r.status).toBe(400);
      expect(r.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_REQUEST', field: 'variables' });
      expect(t.unexpected).toEqual([]);
    },
  );

  it('answers a body that is not JSON with BAD_REQUEST and no parser detail', async () => {
    const t = await start();
    const r = await t.send({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(code(r.body)).toBe('BAD_REQUEST');
    expect(r.text).not.toMatch(/originalError|SyntaxError|Unexpected end/);
  });
});

describe('introspection', () => {
  it('is off by default, with a stable code', async () => {
    const t = await start();
    const r = await t.post('{ __schema { types { name } } }');
    expect(code(r.body)).toBe('INTROSPECTION_DISABLED');
    expect(r.body.data).toBeUndefined();
  });

  it('can be enabled', async () => {
    const t = await start({ limits: { introspection: true } });
    const r = await t.post('{ __type(name: "TillKitCheckout") { name } }');
    expect(r.body.data).toEqual({ __type: { name: 'TillKitCheckout' } });
  });
});

describe('typed input errors from the server itself', () => {
  it.each([
    ['a string', '2'],
    ['a decimal', 2.5],
    ['2^31', 2 ** 31],
    ['null', null],
  ])('answers a quantity that is %s with BAD_USER_INPUT naming the field', async (_w, quantity) => {
    const t = await start();
    const r = await t.post(START, { input: { lines: [{ productId: 'mug', quantity }] } });
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.lines.0.quantity',
    });
    expect(started(t.services)).toBe(0);
  });

  it('names an extra input field', async () => {
    const t = await start();
    const r = await t.post(START, { input: { lines: [{ productId: 'mug', quantity: 1, price: 1 }] } });
    expect(r.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.lines.0.price' });
  });

  it('names the field of a bad literal, and of a bad scalar (not its type)', async () => {
    const t = await start();
    const literal = await t.post(
      'mutation { tillkitStartCheckout(input: { lines: [{ productId: "mug", quantity: 1.5 }] }) { token } }',
    );
    expect(literal.body.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.lines.0.quantity',
    });
    const scalar = await t.post('{ tillkitCheckout(id: "nope", token: "aaaaaaaaaaaaaaaaaaaa") { id } }');
    expect(scalar.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
  });
});

describe('per-client limits', () => {
  it('limits how often one client starts checkouts, with the wait', async () => {
    const t = await start({ trustForwardedFor: true, startCheckoutRate: { perMinute: 6, burst: 1 } });
    expect(code((await t.post(START, cart, { 'x-forwarded-for': '10.0.0.3' })).body)).toBeUndefined();
    const again = await t.post(START, cart, { 'x-forwarded-for': '10.0.0.3' });
    expect(again.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryable: true });
    expect(again.body.errors?.[0]?.extensions?.['retryAfterMs']).toBeGreaterThan(0);
    expect(started(t.services)).toBe(1);
  });

  it('rate-limits one client with a typed 429 and Retry-After, and lets it in again once tokens refill', async () => {
    let clock = 0;
    const t = await start({ requestRate: { perMinute: 60, burst: 2 }, now: () => clock });
    expect((await t.post('{ __typename }')).status).toBe(200);
    expect((await t.post('{ __typename }')).status).toBe(200);
    const limited = await t.post('{ __typename }');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 1000 });
    clock += 1000;
    expect((await t.post('{ __typename }')).status).toBe(200);
  });

  it('counts clients apart behind a trusted proxy', async () => {
    const t = await start({
      requestRate: { perMinute: 60, burst: 1 },
      trustForwardedFor: true,
      now: () => 0,
    });
    expect((await t.post('{ __typename }', undefined, { 'x-forwarded-for': '10.0.0.1' })).status).toBe(200);
    expect((await t.post('{ __typename }', undefined, { 'x-forwarded-for': '10.0.0.1' })).status).toBe(429);
    expect((await t.post('{ __typename }', undefined, { 'x-forwarded-for': '10.0.0.2' })).status).toBe(200);
  });

  it('lets one client hold only its quota of live checkouts, so it cannot take every spot', async () => {
    const t = await start({
      trustForwardedFor: true,
      maxLiveCheckoutsPerClient: 2,
      startCheckoutRate: { perMinute: 600, burst: 100 },
    });
    const as = (ip: string) => t.post(START, cart, { 'x-forwarded-for': ip });
    expect(code((await as('10.0.0.1')).body)).toBeUndefined();
    expect(code((await as('10.0.0.1')).body)).toBeUndefined();
    const third = await as('10.0.0.1');
    expect(third.body.errors?.[0]?.extensions).toEqual({ code: 'CHECKOUT_LIMIT_REACHED', limit: 2 });
    expect(third.body.errors?.[0]?.message).toContain('in progress');
    expect(started(t.services)).toBe(2);
    // Another shopper is not affected, and a finished checkout frees its place.
    expect(code((await as('10.0.0.2')).body)).toBeUndefined();
    t.services.checkout.set('att_test1', 'expired');
    expect(code((await as('10.0.0.1')).body)).toBeUndefined();
  });

  it('counts an attempt the host hands over once, however often it is handed out', async () => {
    const t = await start({
      trustForwardedFor: true,
      maxLiveCheckoutsPerClient: 2,
      startCheckoutRate: { perMinute: 600, burst: 100 },
    });
    const own = await t.services.checkout.start({
      orderRef: 'cart_1',
      amount: { amount: 950, currency: 'EUR' },
      order: { lines: [] },
      description: 'Cart 1',
    });
    t.services.orders.handOver = own.id;
    const as = (variables: unknown) => t.post(START, variables, { 'x-forwarded-for': '10.0.0.3' });
    expect(code((await as({ input: {} })).body)).toBeUndefined();
    expect(code((await as({ input: {} })).body)).toBeUndefined();
    expect(code((await as(cart)).body)).toBeUndefined();
    expect(code((await as(cart)).body)).toBe('CHECKOUT_LIMIT_REACHED');
  });

  it('does not let concurrent starts from one client slip past the quota', async () => {
    const t = await start({ trustForwardedFor: true, maxLiveCheckoutsPerClient: 1 });
    const results = await Promise.all(
      Array.from({ length: 3 }, () => t.post(START, cart, { 'x-forwarded-for': '10.0.0.9' })),
    );
    expect(results.map((r) => code(r.body) ?? 'ok').sort()).toEqual([
      'CHECKOUT_LIMIT_REACHED',
      'CHECKOUT_LIMIT_REACHED',
      'ok',
    ]);
    expect(started(t.services)).toBe(1);
  });
});

describe('checkout lookups', () => {
  it('answers an unknown checkout id exactly like a wrong token', async () => {
    const t = await start();
    const s = await t.post(START, cart);
    const payload = s.body.data?.['tillkitStartCheckout'] as { token: string; checkout: { id: string } };
    const other = await t.post(START, cart);
    const otherToken = (other.body.data?.['tillkitStartCheckout'] as { token: string } | undefined)?.token;
    const wrongToken = await t.post(CHECKOUT, { id: payload.checkout.id, token: otherToken });
    const unknownId = await t.post(CHECKOUT, { id: 'att_doesnotexist', token: payload.token });
    expect(wrongToken.body).toEqual(unknownId.body);
    expect(code(wrongToken.body)).toBe('NOT_FOUND');
  });
});
