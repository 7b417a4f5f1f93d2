// What the server refuses before GraphQL runs, each with a typed JSON body (clients always get a code):
// too many requests from one client, a content type a cross-origin form could send (CSRF), a body over the
// limit, and a GET whose variables or extensions are not JSON.
import type { Plugin } from 'graphql-yoga';
import type { GraphQLErrorCode } from '../errors.ts';
import { createRateLimiter, type RateLimit } from '../rate-limit.ts';

/** Options of {@link useRequestGuards}. */
export interface RequestGuards {
  /** Largest request body accepted, in bytes. @default 65536 */
  maxBodyBytes: number;
  /** Requests per client per minute, all operations. @default { perMinute: 600, burst: 100 } */
  rate: RateLimit;
  /** Who is asking: the key the rate limit counts under. */
  clientId: (request: Request, serverContext: unknown) => string;
  /** Lets tests drive the rate limiter's clock. @default Date.now */
  now?: () => number;
}

/** A JSON error response in the GraphQL shape, so every refusal carries `extensions.code`. */
export function errorResponse(
  status: number,
  code: GraphQLErrorCode,
  message: string,
  extra: { headers?: Record<string, string>; extensions?: Record<string, unknown> } = {},
): Response {
  const body = JSON.stringify({ errors: [{ message, extensions: { ...extra.extensions, code } }] });
  return new Response(body, {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...extra.headers },
  });
}

// Only content types a browser cannot send cross-origin without a CORS preflight. A form (urlencoded,
// multipart) or text/plain POST from another origin is refused here, so it can never run a mutation.
const accepted = new Set(['application/json', 'application/graphql', 'application/graphql+json']);

function badJsonParam(url: URL): string | undefined {
  for (const name of ['variables', 'extensions']) {
    const raw = url.searchParams.get(name);
    if (raw === null || raw === '') continue;
    try {
      const value: unknown = JSON.parse(raw);
      if (value !== null && (typeof value !== 'object' || Array.isArray(value))) return name;
    } catch {
      return name;
    }
  }
  return undefined;
}

/** The yoga plugin applying the guards to every request on the endpoint. */
export function useRequestGuards(guards: RequestGuards): Plugin {
  const limiter = createRateLimiter(guards.rate, guards.now);
  return {
    onRequest({ request, url, serverContext, endResponse }) {
      const taken = limiter.take(guards.clientId(request, serverContext));
      if (!taken.ok) {
        const seconds = String(Math.ceil(taken.retryAfterMs / 1000));
        return endResponse(
          errorResponse(429, 'RATE_LIMITED', 'Too many requests; slow down.', {
            headers: { 'retry-after': seconds },
            extensions: { retryable: true, retryAfterMs: taken.retryAfterMs },
          }),
        );
      }
      if (request.method === 'GET') {
        const bad = badJsonParam(url);
        if (bad)
          endResponse(
            errorResponse(400, 'BAD_REQUEST', `The ${bad} parameter must be a JSON object.`, {
              extensions: { field: bad },
            }),
          );
        return;
      }
      if (request.method !== 'POST') return;
      const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (!accepted.has(type)) {
        return endResponse(
          errorResponse(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the operation as application/json.', {
            headers: { accept: 'application/json' },
          }),
        );
      }
      const length = request.headers.get('content-length');
      // A chunked body has no size until read: refuse it rather than buffer it. A Request built in-process
      // (yoga.fetch from a host route) has neither header; its body is already in the host's memory.
      if (length === null) {
        // The Node adapter does not copy transfer-encoding into the Request; the raw request has it.
        const raw = (serverContext as { req?: { headers?: Record<string, unknown> } } | undefined)?.req
          ?.headers;
        if (request.headers.get('transfer-encoding') === null && raw?.['transfer-encoding'] === undefined)
          return;
        return endResponse(
          errorResponse(411, 'PAYLOAD_TOO_LARGE', 'The request body must declare its length.', {
            extensions: { limit: guards.maxBodyBytes },
          }),
        );
      }
      if (!(Number(length) <= guards.maxBodyBytes)) {
        return endResponse(
          errorResponse(
            413,
            'PAYLOAD_TOO_LARGE',
            `The request body must stay within ${guards.maxBodyBytes} bytes.`,
            {
              extensions: { limit: guards.maxBodyBytes },
            },
          ),
        );
      }
    },
  };
}
