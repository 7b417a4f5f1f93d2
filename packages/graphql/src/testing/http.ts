// A createServer over the test doubles on a loopback port, with helpers that send raw HTTP to it.
import { createServer, type RunningServer, type ServerConfig } from '../yoga/server.ts';
import { fakeServices } from './doubles.ts';
import { checkoutTokenSecret, merchantApiKey } from './harness.ts';

export interface Body {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

const running: RunningServer[] = [];

/** Closes every server {@link startTestServer} started (call it in afterEach). */
export async function closeTestServers(): Promise<void> {
  for (const s of running.splice(0)) await s.close();
}

export async function startTestServer(extra: Partial<ServerConfig> = {}) {
  const services = fakeServices();
  const unexpected: unknown[] = [];
  const server = await createServer({
    services,
    merchantApiKey,
    checkoutTokenSecret,
    onUnexpectedError: (e) => unexpected.push(e),
    ...extra,
  }).listen(0);
  running.push(server);
  const url = server.url;
  const send = async (init: RequestInit & { headers?: Record<string, string> }, at = url) => {
    const res = await fetch(at, init);
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : {}) as Body, text };
  };
  const post = (query: string, variables?: unknown, headers: Record<string, string> = {}) =>
    send({
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
  return { url, services, unexpected, send, post };
}
