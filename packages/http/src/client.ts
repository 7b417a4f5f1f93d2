import { createRedactor, isSecretKey } from '@tillkit/auth';
import { isTillKitError, TillKitError, toTillKitError } from '@tillkit/models';
import ky, { isHTTPError, isNetworkError, isTimeoutError, type Options, type ShouldRetryState } from 'ky';
import { type ResolvedConfig, resolveConfig } from './config.ts';
import { readBody } from './read-body.ts';
import { errorFromStatus } from './status-error.ts';
import type {
  HttpClient,
  HttpClientOptions,
  HttpLogger,
  HttpRedactor,
  HttpRequest,
  HttpResponse,
} from './types.ts';

// Methods whose repetition cannot do harm (RFC 9110 §9.2.2). POST and PATCH are retried only when the
// caller says the server deduplicates them (an idempotency key): a re-POST could pay or sign twice.
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);
const ALL_METHODS = ['get', 'head', 'post', 'put', 'patch', 'delete'];

/**
 * Creates the one HTTP layer every TillKit service client sends through: per-attempt timeouts, bounded
 * retries (exponential backoff, full jitter), Retry-After on 429/503, retries of non-idempotent calls
 * only with an idempotency key, a body serialised once (byte-identical on every attempt), per-attempt
 * signing, TillKitErrors for every failure, and redacted logs.
 *
 * @example
 * const http = createHttpClient({ baseUrl: 'https://wallet.paysera.com/rest/v1', timeoutMs: 5000,
 *   sign: ({ method, url, body }) => ({ authorization: signMac({ credentials, method, url, body }).authorization }) });
 * const { data } = await http.request({ method: 'GET', path: '/spots/1' });
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const config = resolveConfig(options);
  const logger: HttpLogger = options.logger ?? {};
  const redactor = defaultRedactor(options);
  const parseJson = options.parseJson ?? JSON.parse;
  const stringifyJson = options.stringifyJson ?? JSON.stringify;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  // Redaction walks the whole context; skip it for levels nobody listens to (the hot path logs debug).
  const log = (level: keyof HttpLogger, message: string, context: () => Record<string, unknown>) => {
    const write = logger[level];
    if (write) write.call(logger, redactor.text(message), redactor.value(context()));
  };

  return {
    async request(req: HttpRequest): Promise<HttpResponse> {
      const url = buildUrl(config.baseUrl, req);
      const where = () => ({ method: req.method, url: redactor.text(url.href) });
      const body = req.body ?? (req.json === undefined ? undefined : stringifyJson(req.json));
      const headers = requestHeaders(options.headers, req, config, body);
      // A per-request credential (e.g. a token passed in `headers`) must not survive in a message either.
      for (const [k, v] of Object.entries(req.headers ?? {})) if (isSecretKey(k)) redactor.add?.(v);
      const retrySafe =
        IDEMPOTENT.has(req.method) || req.retrySafe === true || req.idempotencyKey !== undefined;
      const timeoutMs = req.timeoutMs ?? config.timeoutMs;
      let attempts = 1;

      const sign = async (request: Request) => {
        if (!options.sign) return;
        const signed = await options.sign({
          method: request.method,
          url: new URL(request.url),
          body,
          headers: new Headers(request.headers),
        });
        for (const [name, value] of Object.entries(signed)) request.headers.set(name, value);
      };

      const kyOptions: Options = {
        method: req.method,
        headers,
        timeout: timeoutMs,
        ...(config.totalTimeoutMs === undefined ? {} : { totalTimeout: config.totalTimeoutMs }),
        ...(req.signal === undefined ? {} : { signal: req.signal }),
        // The body never goes into ky's Request: ky would turn it into a stream and tee it for every
        // retry (most of ky's cost per call). The string is injected here instead, so every attempt
        // sends exactly the bytes serialised once above, and signed by `sign`.
        fetch: (input, init) => {
          if (body === undefined || !(input instanceof Request)) return fetchImpl(input, init);
          return fetchImpl(input.url, {
            ...init,
            method: input.method,
            headers: input.headers,
            body,
            signal: input.signal,
            redirect: input.redirect,
          });
        },
        parseJson: (text: string) => parseJson(text),
        retry: {
          limit: req.retryLimit ?? config.retry.limit,
          methods: ALL_METHODS,
          statusCodes: [408, 429, 500, 502, 503, 504],
          afterStatusCodes: [429, 503],
          maxRetryAfter: config.retry.maxRetryAfterMs,
          backoffLimit: config.retry.maxDelayMs,
          delay: (n) => config.retry.baseDelayMs * 2 ** (n - 1),
          jitter: true,
          retryOnTimeout: true,
          shouldRetry: ({ error }: ShouldRetryState) => {
            if (retrySafe) return undefined;
            // A 429 was refused before any processing, so even a plain POST may be sent again.
            return isHTTPError(error) && error.response.status === 429 ? undefined : false;
          },
        },
        hooks: {
          // Hooks cost per request (ky awaits each), so the first-attempt hook exists only when it has work.
          beforeRequest:
            options.sign || logger.debug
              ? [
                  async ({ request }) => {
                    await sign(request);
                    log('debug', 'http request', () => ({ ...where(), attempt: attempts }));
                  },
                ]
              : [],
          beforeRetry: [
            async ({ request, error }) => {
              attempts++;
              await sign(request);
              log('warn', 'http retry', () => ({
                ...where(),
                attempt: attempts,
                reason: retryReason(error),
              }));
            },
          ],
        },
      };

      try {
        const response = await ky(url, kyOptions);
        log('debug', 'http response', () => ({ ...where(), status: response.status, attempt: attempts }));
        const text = await readBody(response, timeoutMs);
        return {
          status: response.status,
          headers: response.headers,
          data: parseBody(text, response, parseJson),
        };
      } catch (error) {
        const failure = toHttpError(error, { req, url, attempts, timeoutMs, options, redactor });
        log(failure.retryable ? 'warn' : 'error', 'http request failed', () => ({
          ...where(),
          code: failure.code,
          status: failure.status,
          attempts,
        }));
        throw failure;
      }
    },
  };
}

function buildUrl(baseUrl: string, req: HttpRequest): URL {
  // An empty path targets the base URL itself (e.g. a callback URL), without a trailing slash.
  const url = new URL(req.path === '' ? baseUrl : `${baseUrl}/${req.path.replace(/^\/+/, '')}`);
  const params = req.searchParams;
  if (params instanceof URLSearchParams) {
    for (const [k, v] of params) url.searchParams.append(k, v);
  } else if (params) {
    for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.append(k, String(v));
  }
  return url;
}

function requestHeaders(
  base: Record<string, string> | undefined,
  req: HttpRequest,
  config: ResolvedConfig,
  body: string | undefined,
): Headers {
  const headers = new Headers(base);
  for (const [k, v] of Object.entries(req.headers ?? {})) headers.set(k, v);
  if (req.idempotencyKey !== undefined) headers.set(config.idempotencyHeader, req.idempotencyKey);
  if (body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
  if (!headers.has('accept')) headers.set('accept', 'application/json');
  return headers;
}

function defaultRedactor(options: HttpClientOptions): HttpRedactor {
  const secrets = Object.entries(options.headers ?? {})
    .filter(([k]) => isSecretKey(k))
    .map(([, v]) => v);
  if (!options.redactor) return createRedactor(secrets);
  for (const s of secrets) options.redactor.add?.(s);
  return options.redactor;
}

const jsonType = /\/(?:.*[.+-])?json\s*(?:;|$)/i;

function parseBody(text: string, response: Response, parseJson: (text: string) => unknown): unknown {
  if (text.length === 0) return undefined;
  if (!jsonType.test(response.headers.get('content-type') ?? '')) return text;
  try {
    return parseJson(text);
  } catch (cause) {
    throw new TillKitError('INVALID_RESPONSE', `Response of HTTP ${response.status} is not valid JSON`, {
      cause,
    });
  }
}

function retryReason(error: unknown): string {
  if (isHTTPError(error)) return `HTTP ${error.response.status}`;
  if (isTimeoutError(error)) return 'timeout';
  if (isNetworkError(error)) return 'network error';
  return error instanceof Error ? error.name : 'unknown';
}

interface FailureContext {
  req: HttpRequest;
  url: URL;
  attempts: number;
  timeoutMs: number;
  options: HttpClientOptions;
  redactor: HttpRedactor;
}

function toHttpError(error: unknown, c: FailureContext): TillKitError {
  const what = `${c.req.method} ${c.url.pathname}`;
  const details = { attempts: c.attempts };
  let out: TillKitError;
  if (isTillKitError(error)) {
    out = error;
  } else if (isHTTPError(error)) {
    const { status, headers } = error.response;
    out =
      c.options.mapErrorBody?.(status, error.data, headers) ??
      errorFromStatus(status, error.data, headers, {
        method: c.req.method,
        path: c.url.pathname,
        attempts: c.attempts,
      });
  } else if (isTimeoutError(error)) {
    out = new TillKitError(
      'TIMEOUT',
      `${what} timed out after ${c.timeoutMs} ms (${c.attempts} attempt(s))`,
      { details },
    );
  } else if (isNetworkError(error)) {
    out = new TillKitError('NETWORK_ERROR', `${what} failed: network error (${c.attempts} attempt(s))`, {
      details,
      cause: error.cause,
    });
  } else if (error instanceof DOMException && error.name === 'TimeoutError') {
    out = new TillKitError('TIMEOUT', `${what} was aborted by the caller's timeout`, {
      details,
      cause: error,
    });
  } else if (error instanceof DOMException && error.name === 'AbortError') {
    out = new TillKitError('NETWORK_ERROR', `${what} was aborted by the caller`, {
      retryable: false,
      details,
      cause: error,
    });
  } else {
    out = toTillKitError(error);
  }
  // Messages can quote an upstream body or a URL: neither may carry a secret out.
  return c.redactor.value(out);
}
