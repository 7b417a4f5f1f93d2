import { afterEach, describe, expect, it } from 'vitest';
import { makeSchema } from '../make-schema.ts';
import { createOperationRunner } from '../run-operation.ts';
import { fakeServices } from '../testing/doubles.ts';
import { CHECKOUT, checkoutTokenSecret, merchantApiKey, START } from '../testing/harness.ts';
import { type Body, closeTestServers, startTestServer as start } from '../testing/http.ts';

afterEach(closeTestServers);

describe('createServer (graphql-yoga)', () => {
  it('serves a whole shopper journey over HTTP: start, poll, read the receipt', async () => {
    const { post, services } = await start();
    const started = await post(START, { input: { lines: [{ productId: 'coffee', quantity: 1 }] } });
    const payload = started.body.data?.['tillkitStartCheckout'] as {
      token: string;
      checkout: { id: string };
    };
    services.checkout.set(payload.checkout.id, 'confirmed');
    services.checkout.sign(payload.checkout.id, 'R-HTTP');
    const polled = await post(CHECKOUT, { id: payload.checkout.id, token: payload.token });
    expect(polled.body.data?.['tillkitCheckout']).toMatchObject({
      status: 'CONFIRMED',
      pollAfterMs: 0,
      receipt: { receiptId: 'R-HTTP' },
    });
  });

  it('reads the merchant key from the Authorization header', async () => {
    const { post } = await start();
    const query = '{ tillkitFiscalDay(id: "day-1") { number } }';
    const withKey = await post(query, undefined, { authorization: `Bearer ${merchantApiKey}` });
    const withoutKey = await post(query);
    expect(withKey.body.data?.['tillkitFiscalDay']).toEqual({ number: 1 });
    expect(withoutKey.body.errors?.map((e) => e.extensions?.['code'])).toEqual(['UNAUTHENTICATED']);
  });

  it('rejects a too-deep query before executing it', async () => {
    const { post } = await start({ limits: { maxDepth: 2 } });
    const r = await post('{ tillkitDocuments { total { amount } } }');
    expect(r.body.errors?.map((e) => e.extensions?.['code'])).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it('masks an unexpected failure and never sends its message', async () => {
    const { post, services, unexpected } = await start();
    services.checkout.failNext = new Error('password=hunter2');
    const r = await post(START, { input: { lines: [{ productId: 'mug', quantity: 1 }] } });
    expect(r.body.errors?.map((e) => e.extensions?.['code'])).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(JSON.stringify(r.body)).not.toContain('hunter2');
    expect(unexpected).toHaveLength(1);
  });

  it('answers a bad variable with BAD_USER_INPUT', async () => {
    const { post } = await start();
    const r = await post(CHECKOUT, { id: 'nope', token: 'x' });
    expect(r.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('streams a checkout subscription over server-sent events', async () => {
    const { post, url, services } = await start();
    const started = await post(START, { input: { lines: [{ productId: 'mug', quantity: 1 }] } });
    const payload = started.body.data?.['tillkitStartCheckout'] as {
      token: string;
      checkout: { id: string };
    };
    services.checkout.set(payload.checkout.id, 'rejected');
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({
        query:
          'subscription W($id: TillKitCheckoutId!, $token: TillKitCheckoutToken!) { tillkitCheckoutStatus(id: $id, token: $token) { status terminal } }',
        variables: { id: payload.checkout.id, token: payload.token },
      }),
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    // A settled checkout: one event, then the stream completes.
    const text = await res.text();
    const events = text
      .split('\n')
      .filter((line) => line.startsWith('data: ') && line.length > 'data: '.length)
      .map((line) => JSON.parse(line.slice('data: '.length)) as Body);
    expect(events.map((e) => e.data?.['tillkitCheckoutStatus'])).toEqual([
      { status: 'REJECTED', terminal: true },
    ]);
  });

  it('refuses a subscription through the plain operation runner with BAD_REQUEST', async () => {
    const run = createOperationRunner(makeSchema(fakeServices(), { merchantApiKey, checkoutTokenSecret }));
    const r = await run({
      query:
        'subscription { tillkitCheckoutStatus(id: "att_1", token: "aaaaaaaaaaaaaaaaaaaaaaaa") { status } }',
    });
    expect(r.errors?.map((e) => e.extensions['code'])).toEqual(['BAD_REQUEST']);
  });
});
