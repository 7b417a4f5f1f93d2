import { isTillKitError, parseJsonLossless, TillKitError } from '@tillkit/models';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from './client.ts';
import { sendJson, startLoopbackServer } from './testing/loopback-server.ts';
import type { HttpClientOptions } from './types.ts';

type Server = Awaited<ReturnType<typeof startLoopbackServer>>;
let server: Server | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const fast = { limit: 2, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 50 };

async function serve(handler: Parameters<typeof startLoopbackServer>[0]): Promise<Server> {
  server = await startLoopbackServer(handler);
  return server;
}

function client(s: Server, extra: Partial<HttpClientOptions> = {}) {
  return createHttpClient({ baseUrl: `${s.url}/api/v1`, timeoutMs: 2000, retry: fast, ...extra });
}

async function failure(p: Promise<unknown>): Promise<TillKitError> {
  try {
    await p;
  } catch (error) {
    if (isTillKitError(error)) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

describe('createHttpClient', () => {
  it('resolves the path under the base URL, sends search params and parses the JSON body', async () => {
    const s = await serve((_r, res) => sendJson(res, 200, { ok: true }));
    const res = await client(s).request({
      method: 'GET',
      path: '/spots/7',
      searchParams: { status: 'waiting', skip: undefined, limit: 5 },
    });
    expect(res).toMatchObject({ status: 200, data: { ok: true } });
    expect(s.received[0]?.url).toBe('/api/v1/spots/7?status=waiting&limit=5');
  });

  it('retries a GET answered 503 with Retry-After in seconds until it succeeds', async () => {
    const s = await serve((_r, res, i) =>
      i < 2 ? sendJson(res, 503, { error: 'busy' }, { 'retry-after': '0' }) : sendJson(res, 200, { n: i }),
    );
    const res = await client(s).request({ method: 'GET', path: '/x' });
    expect(res.data).toEqual({ n: 2 });
    expect(s.received).toHaveLength(3);
  });

  it('honours a Retry-After given as an HTTP-date', async () => {
    const past = new Date(Date.now() - 60_000).toUTCString();
    const s = await serve((_r, res, i) =>
      i === 0 ? sendJson(res, 429, {}, { 'retry-after': past }) : sendJson(res, 200, {}),
    );
    await client(s).request({ method: 'GET', path: '/x' });
    expect(s.received).toHaveLength(2);
  });

  it('retries a plain POST refused with 429, because nothing was processed', async () => {
    const s = await serve((_r, res, i) =>
      i === 0 ? sendJson(res, 429, {}, { 'retry-after': '0' }) : sendJson(res, 201, {}),
    );
    const res = await client(s).request({ method: 'POST', path: '/x', json: { a: 1 } });
    expect(res.status).toBe(201);
    expect(s.received).toHaveLength(2);
  });

  it('never sends a plain POST twice after a 5xx', async () => {
    const s = await serve((_r, res) => sendJson(res, 503, { message: 'down' }));
    const error = await failure(client(s).request({ method: 'POST', path: '/pay', json: { amount: 100 } }));
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(s.received).toHaveLength(1);
  });

  it('never sends a plain POST twice after a dropped connection', async () => {
    const s = await serve((_r, res) => res.socket?.destroy());
    const error = await failure(client(s).request({ method: 'POST', path: '/pay', json: { amount: 100 } }));
    expect(error.code).toBe('NETWORK_ERROR');
    expect(s.received).toHaveLength(1);
  });

  it('retries an idempotent POST with byte-identical body and the same idempotency key', async () => {
    const s = await serve((_r, res, i) =>
      i === 0 ? res.socket?.destroy() : i === 1 ? sendJson(res, 502, {}) : sendJson(res, 201, { done: true }),
    );
    const http = client(s, { idempotencyHeader: 'x-operation-id' });
    const json = { text: 'grüße', amount: 12.5, nested: { list: [1, 2, 3] } };
    const res = await http.request({ method: 'POST', path: '/sign', json, idempotencyKey: 'op-1' });
    expect(res.data).toEqual({ done: true });
    expect(s.received).toHaveLength(3);
    expect(new Set(s.received.map((r) => r.body)).size).toBe(1);
    expect(s.received.map((r) => r.headers['x-operation-id'])).toEqual(['op-1', 'op-1', 'op-1']);
    expect(JSON.parse(s.received[0]?.body ?? '')).toEqual(json);
  });

  it('retries only the statuses named in retry.statusCodes', async () => {
    const s = await serve((_r, res, i) => sendJson(res, i === 0 ? 502 : 500, { title: 'boom' }));
    const http = client(s, { retry: { ...fast, statusCodes: [502, 503, 504] } });
    const error = await failure(http.request({ method: 'GET', path: '/x' }));
    expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', status: 500, details: { attempts: 2 } });
    expect(s.received).toHaveLength(2);
  });

  it('gives up after the retry limit and reports how many attempts were made', async () => {
    const s = await serve((_r, res) =>
      sendJson(res, 500, { title: 'Internal', detail: 'boom', status: 500 }),
    );
    const error = await failure(client(s).request({ method: 'GET', path: '/x' }));
    expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', status: 500, details: { attempts: 3 } });
    expect(s.received).toHaveLength(3);
  });

  it('times out an attempt that gets no answer and retries a GET', async () => {
    const s = await serve(() => {});
    const error = await failure(
      client(s, { timeoutMs: 40, retry: { ...fast, limit: 1 } }).request({ method: 'GET', path: '/slow' }),
    );
    expect(error.code).toBe('TIMEOUT');
    expect(s.received).toHaveLength(2);
  });

  it('stops retrying once the total budget cannot cover the next wait', async () => {
    const s = await serve((_r, res) => sendJson(res, 503, {}, { 'retry-after': '5' }));
    const http = client(s, {
      totalTimeoutMs: 1000,
      retry: { ...fast, maxRetryAfterMs: 5000 },
    });
    const error = await failure(http.request({ method: 'GET', path: '/x' }));
    expect(error).toMatchObject({ code: 'TIMEOUT', details: { attempts: 1 } });
    expect(s.received).toHaveLength(1);
  });

  it('ends the wait before a retry when the caller aborts', async () => {
    const s = await serve((_r, res) => sendJson(res, 503, {}, { 'retry-after': '30' }));
    const controller = new AbortController();
    const http = client(s, { retry: { ...fast, maxRetryAfterMs: 30_000 } });
    const pending = failure(http.request({ method: 'GET', path: '/x', signal: controller.signal }));
    await expect.poll(() => s.received.length).toBe(1);
    controller.abort();
    const error = await pending;
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', retryable: false });
    expect(s.received).toHaveLength(1);
  });

  it('times out a response whose body stalls after the headers', async () => {
    const s = await serve((_r, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"a":');
    });
    const error = await failure(
      client(s, { timeoutMs: 60 }).request({ method: 'GET', path: '/x', retryLimit: 0 }),
    );
    expect(error.code).toBe('TIMEOUT');
  });

  it('signs every attempt afresh over exactly the bytes it sends', async () => {
    const s = await serve((_r, res, i) => (i === 0 ? sendJson(res, 503, {}) : sendJson(res, 200, {})));
    const seen: Array<{ url: string; body: string | undefined }> = [];
    let counter = 0;
    const http = client(s, {
      sign: ({ method, url, body }) => {
        seen.push({ url: url.href, body });
        counter++;
        return { authorization: `MAC id="a", ts="${counter}", method="${method}"` };
      },
    });
    await http.request({ method: 'PUT', path: '/orders/1', searchParams: { q: '1' }, json: { note: 'x' } });
    expect(s.received.map((r) => r.headers.authorization)).toEqual([
      'MAC id="a", ts="1", method="PUT"',
      'MAC id="a", ts="2", method="PUT"',
    ]);
    expect(seen.map((x) => x.body)).toEqual(s.received.map((r) => r.body));
    expect(seen[0]?.url).toBe(`${s.url}/api/v1/orders/1?q=1`);
  });

  it('parses responses with the given JSON parser, keeping 64-bit integers exact', async () => {
    const s = await serve((_r, res) => sendJson(res, 200, `{"ftState":${0x4154_2000_eeee_eeeen}}`));
    const res = await client(s, { parseJson: parseJsonLossless }).request({ method: 'GET', path: '/x' });
    expect(res.data).toEqual({ ftState: 0x4154_2000_eeee_eeeen });
  });

  it('rejects invalid options with every issue named', () => {
    expect(() => createHttpClient({ baseUrl: 'not a url', timeoutMs: -1 })).toThrow(
      /baseUrl.*timeoutMs|timeoutMs.*baseUrl/s,
    );
  });
});

describe('error mapping', () => {
  const cases: Array<{ status: number; body: unknown; code: string; message: RegExp; issues?: unknown[] }> = [
    {
      status: 401,
      body: {
        type: 'about:blank',
        title: 'Unauthorized',
        detail: 'Access token not set or invalid.',
        status: 401,
      },
      code: 'UNAUTHENTICATED',
      message: /401: Unauthorized: Access token/,
    },
    {
      status: 403,
      body: { error: 'forbidden', error_description: 'No access to spot' },
      code: 'FORBIDDEN',
      message: /forbidden: No access to spot/,
    },
    {
      status: 404,
      body: { message: 'Order not found', errors: [] },
      code: 'NOT_FOUND',
      message: /Order not found/,
    },
    {
      status: 409,
      body: { error: 'conflict', message: 'Duplicate order number' },
      code: 'CONFLICT',
      message: /conflict: Duplicate/,
    },
    {
      status: 422,
      body: {
        error: 'validation_error',
        message: 'Bad input',
        details: { field: 'amount', reason: 'must be positive' },
      },
      code: 'VALIDATION_FAILED',
      message: /Bad input/,
      issues: [{ path: 'amount', message: 'must be positive' }],
    },
    {
      status: 400,
      body: { message: 'Invalid', errors: { price: ['is required'] } },
      code: 'VALIDATION_FAILED',
      message: /Invalid/,
      issues: [{ path: 'price', message: 'is required' }],
    },
    { status: 502, body: 'Bad gateway', code: 'UPSTREAM_UNAVAILABLE', message: /502: Bad gateway/ },
  ];

  for (const c of cases) {
    it(`turns HTTP ${c.status} into ${c.code} with the service's reason`, async () => {
      const s = await serve((_r, res) =>
        sendJson(res, c.status, c.body, typeof c.body === 'string' ? { 'content-type': 'text/plain' } : {}),
      );
      const error = await failure(client(s).request({ method: 'POST', path: '/x', json: {} }));
      expect(error.code).toBe(c.code);
      expect(error.status).toBe(c.status);
      expect(error.message).toMatch(c.message);
      if (c.issues) expect(error.issues).toEqual(c.issues);
    });
  }

  it('turns a final 429 into RATE_LIMITED carrying retryAfterMs', async () => {
    const s = await serve((_r, res) => sendJson(res, 429, { message: 'slow down' }, { 'retry-after': '7' }));
    const error = await failure(client(s).request({ method: 'GET', path: '/x', retryLimit: 0 }));
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 7000, retryable: true });
  });

  it('lets the service hook map its own error body', async () => {
    const s = await serve((_r, res) =>
      sendJson(res, 409, { title: 'Conflict', detail: 'body does not match', status: 409 }),
    );
    const http = client(s, {
      mapErrorBody: (status, body) =>
        status === 409
          ? new TillKitError('IDEMPOTENCY_CONFLICT', `conflict: ${(body as { detail: string }).detail}`)
          : undefined,
    });
    const error = await failure(
      http.request({ method: 'POST', path: '/sign', json: {}, idempotencyKey: 'k' }),
    );
    expect(error).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT', message: 'conflict: body does not match' });
  });
});

describe('redaction', () => {
  it('keeps a per-request token out of the error message even when the upstream echoes it', async () => {
    const token = 'per-request-token-abcdef123';
    const s = await serve((r, res) =>
      sendJson(res, 403, {
        error: 'forbidden',
        error_description: `token ${r.headers['x-api-key']} lacks scope`,
      }),
    );
    const error = await failure(
      client(s).request({ method: 'GET', path: '/x', headers: { 'x-api-key': token } }),
    );
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toContain('[REDACTED]');
    expect(error.message).not.toContain(token);
  });

  it('keeps tokens out of every log line and error message', async () => {
    const token = 'ft-access-token-0123456789';
    const bearer = 'wallet-bearer-abcdefghij';
    const s = await serve((r, res, i) =>
      i === 0
        ? sendJson(res, 503, { message: `upstream saw ${r.headers['x-cashbox-accesstoken']}` })
        : sendJson(res, 401, {
            error: 'invalid_token',
            error_description: `token ${token} and Bearer ${bearer} rejected`,
          }),
    );
    const lines: unknown[] = [];
    const logger = {
      debug: (m: string, c?: unknown) => lines.push([m, c]),
      info: (m: string, c?: unknown) => lines.push([m, c]),
      warn: (m: string, c?: unknown) => lines.push([m, c]),
      error: (m: string, c?: unknown) => lines.push([m, c]),
    };
    const http = client(s, {
      logger,
      headers: { 'x-cashbox-accesstoken': token, authorization: `Bearer ${bearer}` },
    });
    const error = await failure(
      http.request({ method: 'GET', path: '/x', searchParams: { access_token: token } }),
    );
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(s.received[0]?.headers['x-cashbox-accesstoken']).toBe(token);
    expect(lines.length).toBeGreaterThan(2);
    const everything = JSON.stringify(lines) + error.message + JSON.stringify(error.details);
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(bearer);
    expect(everything).toContain('[REDACTED]');
  });
});
