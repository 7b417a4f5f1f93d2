import { createRedactor, isSecretKey } from '@tillkit/auth';
import { isTillKitError, TillKitError, toTillKitError } from '@tillkit/models';
import ky, { isNetworkError, isTimeoutError } from 'ky';
import { type ResolvedConfig, resolveConfig } from './config.ts';
import { readBody } from './read-body.ts';
import { type AttemptFailure, type RetryRules, retryDelayMs, wait } from './retry.ts';
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

  // The body goes around ky's Request (which would wrap it in a stream) straight into fetch, so every
  // attempt sends exactly the bytes serialised once, signed by `sign`.
  const fetchWithBody = (body: string | undefined): typeof fetch => {
    if (body === undefined) return fetchImpl;
    return (input, init) => {
      if (!(input instanceof Request)) return fetchImpl(input, init);
      return fetchImpl(input.url, {
        ...init,
        method: input.method,
        headers: input.headers,
        body,
        signal: input.signal,
        redirect: input.redirect,
      });
    };
  };

  return {
    async request(req: HttpRequest): Promise<HttpResponse> {
      const url = buildUrl(config.baseUrl, req);
      const where = () => ({ method: req.method, url: redactor.text(url.href) });
      const body = req.body ?? (req.json === undefined ? undefined : stringifyJson(req.json));
      const headers = requestHeaders(options.headers, req, config, body);
      // A per-request credential (e.g. a token passed in `headers`) must not survive in a message either.
      if (req.headers)
        for (const [k, v] of Object.entries(req.headers)) if (isSecretKey(k)) redactor.add?.(v);
      const rules: RetryRules = {
        policy: config.retry,
        statusCodes: config.retryStatusCodes,
        retrySafe: IDEMPOTENT.has(req.method) || req.retrySafe === true || req.idempotencyKey !== undefined,
        limit: req.retryLimit ?? config.retry.limit,
      };
      const timeoutMs = req.timeoutMs ?? config.timeoutMs;
      const deadline = config.totalTimeoutMs === undefined ? undefined : Date.now() + config.totalTimeoutMs;
      const fetchAttempt = fetchWithBody(body);
      const what = `${req.method} ${url.pathname}`;
      let attempts = 0;

      const attemptHeaders = async (): Promise<Headers> => {
        if (!options.sign) return headers;
        const own = new Headers(headers);
        const signed = await options.sign({
          method: req.method,
          url: new URL(url),
          body,
          headers: new Headers(own),
        });
        for (const [name, value] of Object.entries(signed)) own.set(name, value);
        return own;
      };
      // Retries are ours, not ky's (ky's machinery — request cloning, hooks, option normalising per
      // attempt — was most of the client's cost per call). Returns false when the budget cannot cover it.
      const retryAfter = async (failure: AttemptFailure, reason: string): Promise<boolean> => {
        const delay = retryDelayMs(failure, attempts, rules);
        if (delay === undefined) return false;
        if (deadline !== undefined && Date.now() + delay >= deadline) {
          throw budgetSpent(what, config.totalTimeoutMs, attempts);
        }
        log('warn', 'http retry', () => ({ ...where(), attempt: attempts + 1, reason }));
        await wait(delay, req.signal);
        return true;
      };

      try {
        for (;;) {
          attempts++;
          const remaining = deadline === undefined ? timeoutMs : Math.min(timeoutMs, deadline - Date.now());
          if (remaining <= 0) {
            throw budgetSpent(what, config.totalTimeoutMs, attempts - 1);
          }
          const sendHeaders = await attemptHeaders();
          log('debug', 'http request', () => ({ ...where(), attempt: attempts }));
          let response: Response;
          try {
            response = await ky(url, {
              method: req.method,
              headers: sendHeaders,
              timeout: remaining,
              retry: 0,
              throwHttpErrors: false,
              fetch: fetchAttempt,
              ...(req.signal === undefined ? {} : { signal: req.signal }),
            });
          } catch (error) {
            const failure = transportFailure(error);
            if (
              failure &&
              (await retryAfter(failure, failure.kind === 'timeout' ? 'timeout' : 'network error'))
            )
              continue;
            throw error;
          }
          log('debug', 'http response', () => ({ ...where(), status: response.status, attempt: attempts }));
          const text = await readBody(response, remaining);
          if (response.ok) {
            return {
              status: response.status,
              headers: response.headers,
              data: parseBody(text, response, parseJson),
            };
          }
          const { status } = response;
          if (await retryAfter({ kind: 'status', status, headers: response.headers }, `HTTP ${status}`))
            continue;
          const data = errorBody(text, response, parseJson);
          throw (
            options.mapErrorBody?.(status, data, response.headers) ??
            errorFromStatus(status, data, response.headers, {
              method: req.method,
              path: url.pathname,
              attempts,
            })
          );
        }
      } catch (error) {
        const failure = redactor.value(toHttpError(error, { what, attempts, timeoutMs }));
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

// `totalTimeoutMs` cannot cover another attempt (or the wait before it): fail now, not after waiting.
function budgetSpent(what: string, totalTimeoutMs: number | undefined, attempts: number): TillKitError {
  return new TillKitError(
    'TIMEOUT',
    `${what} ran out of its ${totalTimeoutMs} ms budget (${attempts} attempt(s))`,
    {
      details: { attempts },
    },
  );
}

function transportFailure(error: unknown): AttemptFailure | undefined {
  if (isTimeoutError(error)) return { kind: 'timeout' };
  if (isNetworkError(error)) return { kind: 'network' };
  return undefined;
}

/** An error body as the mapping expects it: parsed JSON when it is JSON (and parses), else the text. */
function errorBody(text: string, response: Response, parseJson: (text: string) => unknown): unknown {
  try {
    return parseBody(text, response, parseJson);
  } catch {
    return text;
  }
}

interface FailureContext {
  what: string;
  attempts: number;
  timeoutMs: number;
}

function toHttpError(error: unknown, c: FailureContext): TillKitError {
  const details = { attempts: c.attempts };
  if (isTillKitError(error)) return error;
  if (isTimeoutError(error)) {
    return new TillKitError(
      'TIMEOUT',
      `${c.what} timed out after ${c.timeoutMs} ms (${c.attempts} attempt(s))`,
      {
        details,
      },
    );
  }
  if (isNetworkError(error)) {
    return new TillKitError('NETWORK_ERROR', `${c.what} failed: network error (${c.attempts} attempt(s))`, {
      details,
      cause: error.cause,
    });
  }
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return new TillKitError('TIMEOUT', `${c.what} was aborted by the caller's timeout`, {
      details,
      cause: error,
    });
  }
  if (error instanceof DOMException && error.name === 'AbortError') {
    return new TillKitError('NETWORK_ERROR', `${c.what} was aborted by the caller`, {
      retryable: false,
      details,
      cause: error,
    });
  }
  return toTillKitError(error);
}
