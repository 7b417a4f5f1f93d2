import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../sandbox.ts';
import { control, obj, pos } from '../testing/helpers.ts';

let s: Sandbox;
beforeAll(async () => {
  s = await startSandbox({ rateLimits: { standardPerMinute: 10_000 } });
});
afterAll(() => s.close());
beforeEach(() => {
  s.control.faults.clear();
  s.control.resetStats();
});

const status = '/cash-registers/REG-001/status';

describe('fault injection', () => {
  it('answers an injected 5xx the given number of times, then the real answer', async () => {
    s.control.faults.add({
      route: 'GET /eapi/v1/cash-registers/*/status',
      kind: 'error',
      status: 502,
      times: 2,
    });
    expect((await pos(s, 'GET', status)).status).toBe(502);
    expect((await pos(s, 'GET', status)).status).toBe(502);
    expect((await pos(s, 'GET', status)).status).toBe(200);
    expect(s.control.faults.list()).toEqual([]);
  });

  it('answers 429 with Retry-After for a rate-limit burst', async () => {
    s.control.faults.add({ route: 'GET /eapi/v1/**', kind: 'rate-limit', retryAfterSeconds: 7, times: 1 });
    const limited = await pos(s, 'GET', status);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect((await pos(s, 'GET', status)).status).toBe(200);
  });

  it('adds latency and still answers normally', async () => {
    const fault = s.control.faults.add({
      route: `GET /eapi/v1${status}`,
      kind: 'latency',
      latencyMs: 20,
      times: 1,
    });
    expect(fault.remaining).toBe(1);
    expect((await pos(s, 'GET', status)).status).toBe(200);
    expect(s.control.faults.list()).toEqual([]);
  });

  it('resets the connection without running the handler', async () => {
    s.control.faults.add({ route: 'POST /eapi/v1/orders', kind: 'reset', times: 1 });
    const order = {
      number: 'RESET-1',
      currency: 'EUR',
      orderPositions: [{ title: 'Tea', quantity: 1, unitPrice: { regular: '3.00' } }],
    };
    await expect(pos(s, 'POST', '/orders', { body: order })).rejects.toThrow();
    const found = await pos(s, 'GET', '/orders?numbers=RESET-1');
    expect(obj(found)['itemsTotal']).toBe(0);
  });

  it('commits the change and then drops the response for drop-after-commit', async () => {
    s.control.faults.add({ route: 'POST /eapi/v1/orders', kind: 'drop-after-commit', times: 1 });
    const order = {
      number: 'DROP-1',
      currency: 'EUR',
      orderPositions: [{ title: 'Tea', quantity: 1, unitPrice: { regular: '3.00' } }],
    };
    await expect(pos(s, 'POST', '/orders', { body: order })).rejects.toThrow();
    const found = await pos(s, 'GET', '/orders?numbers=DROP-1');
    expect(obj(found)['itemsTotal']).toBe(1);
    expect((await pos(s, 'POST', '/orders', { body: order })).status).toBe(409);
  });

  it('leaves routes that do not match the pattern alone', async () => {
    s.control.faults.add({ route: 'PUT /rest/v1/transaction/*/confirm', kind: 'error' });
    expect((await pos(s, 'GET', status)).status).toBe(200);
    expect(s.control.faults.list()[0]?.fired).toBe(0);
  });

  it('is managed over HTTP with POST and DELETE /_sandbox/faults', async () => {
    const added = await control(s, 'POST', '/faults', {
      route: 'GET /eapi/v1/cash-registers/*/status',
      kind: 'error',
      status: 503,
    });
    expect(added.status).toBe(201);
    expect(obj(await control(s, 'GET', '/faults'))['faults']).toHaveLength(1);
    expect((await pos(s, 'GET', status)).status).toBe(503);
    expect((await control(s, 'DELETE', '/faults')).status).toBe(204);
    expect((await pos(s, 'GET', status)).status).toBe(200);
  });

  it('rejects an invalid fault with field errors', async () => {
    const bad = await control(s, 'POST', '/faults', { route: 'GET /x', kind: 'explode' });
    expect(bad.status).toBe(400);
    expect(Object.keys(obj(bad)['errors'] as object)).toContain('kind');
    const noPath = await control(s, 'POST', '/faults', { route: 'GET nowhere', kind: 'error' });
    expect(noPath.status).toBe(400);
  });

  it('accepts faults at start-up', async () => {
    const other = await startSandbox({
      faults: [{ route: '* /eapi/v1/**', kind: 'error', status: 500, times: 1 }],
    });
    try {
      expect((await pos(other, 'GET', status)).status).toBe(500);
      expect((await pos(other, 'GET', status)).status).toBe(200);
    } finally {
      await other.close();
    }
  });
});

describe('request stats', () => {
  it('counts requests per route, programmatically and over HTTP, without counting control calls', async () => {
    await pos(s, 'GET', status);
    await pos(s, 'GET', status);
    await pos(s, 'GET', '/orders');
    expect(s.control.count('GET /eapi/v1/cash-registers/*/status')).toBe(2);
    expect(s.control.stats()).toEqual({
      total: 3,
      routes: { 'GET /eapi/v1/cash-registers/REG-001/status': 2, 'GET /eapi/v1/orders': 1 },
    });
    const viaHttp = await control(s, 'GET', `/stats?route=${encodeURIComponent('* /eapi/v1/**')}`);
    expect(obj(viaHttp)['count']).toBe(3);
  });
});
