import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { stringifyJsonLossless } from '@tillkit/models';
import type { Emulator, SandboxRequest, SandboxResponse } from '../contract.ts';
import type { Fault, FaultTable } from './faults.ts';
import type { SandboxLogger } from './logger.ts';
import type { RequestCounter } from './stats.ts';

/** What the HTTP core routes to: emulators by prefix; `internal` ones (control, simulator) skip faults and stats. */
export interface MountedEmulator {
  emulator: Emulator;
  internal: boolean;
}

interface HandlerDeps {
  mounts: MountedEmulator[];
  faults: FaultTable;
  counter: RequestCounter;
  logger: SandboxLogger;
}

const emptyBody = Buffer.alloc(0);
const notFound: SandboxResponse = {
  status: 404,
  body: { error: 'not_found', error_description: 'No such endpoint', message: 'No such endpoint' },
};

/** The node:http request listener: route by prefix, apply faults, read the raw body, answer. Kept lean on purpose (throughput goal). */
export function createRequestListener(
  deps: HandlerDeps,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const rawQuery = q === -1 ? '' : url.slice(q + 1);
    const method = req.method ?? 'GET';
    const mount = deps.mounts.find(
      (m) => path === m.emulator.prefix || path.startsWith(`${m.emulator.prefix}/`),
    );
    let fault: Fault | undefined;
    if (mount !== undefined && !mount.internal) {
      deps.counter.record(method, path);
      fault = deps.faults.take(method, path);
    }
    readBody(req, (rawBody) => {
      const { host, port } = hostAndPort(req);
      const sreq: SandboxRequest = {
        method,
        path,
        rawQuery,
        query: new URLSearchParams(rawQuery),
        headers: req.headers as Record<string, string | undefined>,
        rawBody,
        host,
        port,
      };
      if (fault === undefined) {
        if (mount === undefined) send(res, notFound);
        else dispatch(mount.emulator, sreq, res, deps.logger, false);
        return;
      }
      void applyFault(fault, mount, sreq, res, deps.logger);
    });
  };
}

async function applyFault(
  fault: Fault,
  mount: MountedEmulator | undefined,
  sreq: SandboxRequest,
  res: ServerResponse,
  logger: SandboxLogger,
): Promise<void> {
  logger.info('Fault fired', {
    id: fault.id,
    route: fault.route,
    kind: fault.kind,
    method: sreq.method,
    path: sreq.path,
  });
  if (fault.latencyMs !== undefined && fault.latencyMs > 0) await sleep(fault.latencyMs);
  switch (fault.kind) {
    case 'latency':
      if (mount === undefined) send(res, notFound);
      else dispatch(mount.emulator, sreq, res, logger, false);
      return;
    case 'error': {
      const status = fault.status ?? 503;
      const message = `Injected fault: HTTP ${status}`;
      send(res, {
        status,
        body: {
          error: status >= 500 ? 'internal_server_error' : 'injected_fault',
          error_description: message,
          message,
        },
      });
      return;
    }
    case 'rate-limit': {
      const message = 'Injected fault: rate limit exceeded';
      send(res, {
        status: 429,
        headers: { 'retry-after': String(fault.retryAfterSeconds ?? 1) },
        body: { error: 'rate_limit_exceeded', error_description: message, message },
      });
      return;
    }
    case 'reset':
      res.socket?.destroy();
      return;
    case 'drop-after-commit':
      if (mount === undefined) res.socket?.destroy();
      else dispatch(mount.emulator, sreq, res, logger, true);
      return;
  }
}

function dispatch(
  emulator: Emulator,
  sreq: SandboxRequest,
  res: ServerResponse,
  logger: SandboxLogger,
  drop: boolean,
): void {
  let result: Promise<SandboxResponse> | SandboxResponse;
  try {
    result = emulator.handle(sreq);
  } catch (error) {
    fail(res, error, sreq, logger);
    return;
  }
  if (result instanceof Promise) {
    result.then(
      (r) => (drop ? res.socket?.destroy() : send(res, r)),
      (error: unknown) => fail(res, error, sreq, logger),
    );
  } else if (drop) res.socket?.destroy();
  else send(res, result);
}

function fail(res: ServerResponse, error: unknown, sreq: SandboxRequest, logger: SandboxLogger): void {
  logger.error('Emulator failed', {
    method: sreq.method,
    path: sreq.path,
    error: error instanceof Error ? error.message : String(error),
  });
  send(res, {
    status: 500,
    body: { error: 'internal_server_error', error_description: 'Internal error', message: 'Internal error' },
  });
}

function send(res: ServerResponse, r: SandboxResponse): void {
  if (res.destroyed) return;
  let payload: string | Buffer | undefined;
  let type = 'application/json';
  if (r.body === undefined) payload = undefined;
  else if (typeof r.body === 'string' || Buffer.isBuffer(r.body)) {
    payload = r.body;
    type = 'text/plain; charset=utf-8';
  } else payload = stringifyJsonLossless(r.body);
  const headers: Record<string, string | number> = { ...r.headers };
  if (payload !== undefined) {
    if (headers['content-type'] === undefined) headers['content-type'] = type;
    headers['content-length'] = Buffer.byteLength(payload);
  } else headers['content-length'] = 0;
  res.writeHead(r.status, headers);
  res.end(payload);
}

function readBody(req: IncomingMessage, done: (body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () =>
    done(
      chunks.length === 0 ? emptyBody : chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks),
    ),
  );
}

function hostAndPort(req: IncomingMessage): { host: string; port: number } {
  const header = req.headers.host;
  if (header === undefined || header === '')
    return { host: req.socket.localAddress ?? '', port: req.socket.localPort ?? 80 };
  // Bracketed IPv6 (`[::1]:4010`) keeps its colons inside the brackets.
  const close = header.lastIndexOf(']');
  const colon = header.lastIndexOf(':');
  if (colon > close)
    return { host: header.slice(0, colon).toLowerCase(), port: Number(header.slice(colon + 1)) };
  return { host: header.toLowerCase(), port: 80 };
}
