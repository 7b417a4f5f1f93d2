import { afterEach, describe, expect, it } from 'vitest';
import { makeSchema } from '../make-schema.ts';
import { createOperationRunner } from '../run-operation.ts';
import { type FakeServices, fakeServices } from '../testing/doubles.ts';
import { CHECKOUT, checkoutTokenSecret, merchantApiKey, START } from '../testing/harness.ts';
import { createServer, type RunningServer } from './server.ts';

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start(): Promise<{ url: string; services: FakeServices; unexpected: unknown[] }> {
  const services = fakeServices();
  const unexpected: unknown[] = [];
  running = await createServer({
    services,
    merchantApiKey,
    checkoutTokenSecret,
    onUnexpectedError: (e) => unexpected.push(e),
  }).listen(0);
  return { url: running.url, services, unexpected };
}

interface Body {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

async function post(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Body }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as Body };
}

describe('createServer (graphql-yoga)', () => {
  it('serves a whole shopper journey over HTTP: start, poll, read the receipt', async () => {
    const { url, services } = await start();
    const started = await post(url, START, { input: { lines: [{ productId: 'coffee', quantity: 1 }] } });
    const payload = started.body.data?.['tillkitStartCheckout'] as {
      token: string;
      checkout: { id: string };
    };
    services.checkout.set(payload.checkout.id, 'confirmed');
    services.checkout.sign(payload.checkout.id, 'R-HTTP');
    const polled = await post(url, CHECKOUT, { id: payload.checkout.id, token: payload.token });
    expect(polled.body.data?.['tillkitCheckout']).toMatchObject({
      status: 'CONFIRMED',
      pollAfterMs: 0,
      receipt: { receiptId: 'R-HTTP' },
    });
  });

  it('reads the merchant key from the Authorization header', async () => {
    const { url } = await start();
    const query = '{ tillkitFiscalDay(id: "day-1") { number } }';
    const withKey = await post(url, query, undefined, { authorization: `Bearer ${merchantApiKey}` });
    const withoutKey = await post(url, query);
    expect(withKey.body.data?.['tillkitFiscalDay']).toEqual({ number: 1 });
    expect(withoutKey.body.errors?.map((e) => e.extensions?.['code'])).toEqual(['UNAUTHENTICATED']);
  });

  it('rejects a too-deep query before executing it', async () => {
    const { url } = await start();
    const deep = '{ tillkitDocuments { total { amount } } }';
    running?.close();
    const services = fakeServices();
    running = await createServer({
      services,
      merchantApiKey,
      checkoutTokenSecret,
      limits: { maxDepth: 2 },
    }).listen(0);
    const r = await post(running.url, deep);
    expect(r.body.errors?.map((e) => e.extensions?.['code'])).toEqual(['QUERY_TOO_COMPLEX']);
    expect(url).not.toBe(running.url);
  });

  it('masks an unexpected failure and never sends its message', async () => {
    const { url, services, unexpected } = await start();
    services.checkout.failNext = new Error('password=hunter2');
    const r = await post(url, START, { input: { lines: [{ productId: 'mug', quantity: 1 }] } });
    expect(r.body.errors?.map((e) => e.extensions?.['code'])).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(JSON.stringify(r.body)).not.toContain('hunter2');
    expect(unexpected).toHaveLength(1);
  });

  it('answers a bad variable with BAD_USER_INPUT', async () => {
    const { url } = await start();
    const r = await post(url, CHECKOUT, { id: 'nope', token: 'x' });
    expect(r.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('streams a checkout subscription over server-sent events', async () => {
    const { url, services } = await start();
    const started = await post(url, START, { input: { lines: [{ productId: 'mug', quantity: 1 }] } });
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
