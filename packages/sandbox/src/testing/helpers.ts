// Test helpers shared by the sandbox's own tests (not exported from the package).
import { signMac } from '@tillkit/auth';
import type { Sandbox } from '../sandbox.ts';

export interface JsonResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/** The body as a record, for reading fields in assertions. */
export function obj(r: JsonResponse): Record<string, unknown> {
  return r.body as Record<string, unknown>;
}

async function toJson(res: Response): Promise<JsonResponse> {
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === '' ? undefined : JSON.parse(text) };
}

/** A POS request with the given bearer token (the demo merchant's by default). */
export async function pos(
  s: Sandbox,
  method: string,
  path: string,
  options: { token?: string | null; body?: unknown } = {},
): Promise<JsonResponse> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = options.token === undefined ? s.credentials.pos.token : options.token;
  if (token !== null) headers['authorization'] = `Bearer ${token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  return toJson(
    await fetch(`${s.urls.pos}${path}`, { method, headers, ...(body === undefined ? {} : { body }) }),
  );
}

export interface WalletOptions {
  body?: unknown;
  /** Sign and send this exact text as the body. */
  raw?: string;
  ext?: Record<string, string>;
  timestamp?: number;
  /** Sign with this MAC key instead of the real one. */
  macKey?: string;
  /** Send these bytes instead of the signed body. */
  sendBody?: string;
  authorization?: string | null;
}

/** A MAC-signed Wallet request, signed with @tillkit/auth exactly as a client would. */
export async function wallet(
  s: Sandbox,
  method: string,
  path: string,
  o: WalletOptions = {},
): Promise<JsonResponse & { authorization: string }> {
  const url = `${s.urls.wallet}${path}`;
  const body = o.raw ?? (o.body === undefined ? undefined : JSON.stringify(o.body));
  const signed = signMac({
    credentials: { macId: s.credentials.wallet.macId, macKey: o.macKey ?? s.credentials.wallet.macKey },
    method,
    url,
    ...(body === undefined ? {} : { body }),
    ...(o.ext === undefined ? {} : { extraParameters: o.ext }),
    ...(o.timestamp === undefined ? {} : { timestamp: o.timestamp }),
  });
  const headers: Record<string, string> = {};
  const authorization = o.authorization === undefined ? signed.authorization : o.authorization;
  if (authorization !== null) headers['authorization'] = authorization;
  const sent = o.sendBody ?? body;
  if (sent !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, { method, headers, ...(sent === undefined ? {} : { body: sent }) });
  return { ...(await toJson(res)), authorization: signed.authorization };
}

/** A request to the sandbox control API (`/_sandbox`). */
export async function control(
  s: Sandbox,
  method: string,
  path: string,
  body?: unknown,
): Promise<JsonResponse> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { 'content-type': 'application/json' };
  }
  return toJson(await fetch(`${s.urls.control}${path}`, init));
}

/** A clock tests can move without sleeping. */
export function manualClock(start = Date.now()): {
  now: () => Date;
  advance(ms: number): void;
  seconds(): number;
} {
  let t = start;
  return {
    now: () => new Date(t),
    advance: (ms) => {
      t += ms;
    },
    seconds: () => Math.floor(t / 1000),
  };
}

/** A callback receiver on loopback: records each POST body and answers `statuses[i]` (then 200). */
export async function startReceiver(statuses: number[] = []): Promise<{
  url: string;
  bodies: Array<{ contentType: string | undefined; body: string }>;
  close(): Promise<void>;
}> {
  const { createServer } = await import('node:http');
  const bodies: Array<{ contentType: string | undefined; body: string }> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push({ contentType: req.headers['content-type'], body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(statuses[bodies.length - 1] ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/paysera/callback`,
    bodies,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
