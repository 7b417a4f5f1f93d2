import type { Logger, TillKitError } from '@tillkit/models';

/** The methods the HTTP layer sends. */
export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Where the HTTP layer writes. Libraries never touch the console; inject one (e.g. pino's) or get silence. */
/** The one logger of every package (`@tillkit/models`' `Logger`). */
export type HttpLogger = Logger;

/** The subset of `@tillkit/auth`'s Redactor the client needs. */
export interface HttpRedactor {
  text(s: string): string;
  value<T>(v: T): T;
  /** When present, secret header values (client-wide and per request) are registered with it. */
  add?(secret: string): void;
}

/** What a per-attempt signer sees: exactly what is about to be sent. */
export interface SignableRequest {
  method: string;
  /** The full URL with the final query string. */
  url: URL;
  /** The exact body text (the same bytes on every attempt), `undefined` without a body. */
  body: string | undefined;
  /** Headers already set for this attempt (read-only view). */
  headers: Headers;
}

/** Retry policy: bounded, exponential backoff with full jitter, Retry-After honoured and capped. */
export interface RetryPolicy {
  /** Retries after the first attempt. @default 2 */
  limit: number;
  /** Delay before the first retry, before jitter. @default 200 */
  baseDelayMs: number;
  /** Upper bound of a backoff delay. @default 5000 */
  maxDelayMs: number;
  /** Upper bound of a server-given Retry-After wait. @default 30000 */
  maxRetryAfterMs: number;
  /**
   * Response statuses that are retried (a 429 even for a plain POST, the others only for a retry-safe
   * request). Narrow it for a service where a repeat under the same idempotency key only replays a
   * stored failure (fiskaltrust: 429, 502, 503, 504). @default [408, 429, 500, 502, 503, 504]
   */
  statusCodes: readonly number[];
}

/** Configuration of {@link createHttpClient}. */
export interface HttpClientOptions {
  /** Base URL every `path` is resolved under, e.g. `https://wallet.paysera.com/rest/v1`. */
  baseUrl: string;
  /** Per-attempt timeout for getting the response and reading its body. @default 10000 */
  timeoutMs?: number;
  /** Overall budget for all attempts and waits together. @default none */
  totalTimeoutMs?: number;
  /** @default { limit: 2, baseDelayMs: 200, maxDelayMs: 5000, maxRetryAfterMs: 30000, statusCodes: [408, 429, 500, 502, 503, 504] } */
  retry?: Partial<RetryPolicy>;
  /** Per-attempt signer (called again for every retry, so a MAC gets a fresh ts/nonce). Returns headers to set. */
  sign?: (request: SignableRequest) => Record<string, string> | Promise<Record<string, string>>;
  /** Headers on every request (e.g. fiskaltrust CashBox headers). Their secret values are redacted from logs. */
  headers?: Record<string, string>;
  /** JSON parser for response bodies, e.g. `parseJsonLossless`. @default JSON.parse */
  parseJson?: (text: string) => unknown;
  /** JSON serialiser for request bodies, e.g. `stringifyJsonLossless`. @default JSON.stringify */
  stringifyJson?: (value: unknown) => string;
  /**
   * Maps a non-2xx response body to a service-specific TillKitError; return `undefined` to get the
   * default mapping by status. The body is already parsed (JSON) or text.
   */
  mapErrorBody?: (status: number, body: unknown, headers: Headers) => TillKitError | undefined;
  /** Header that carries `request.idempotencyKey`. @default 'idempotency-key' */
  idempotencyHeader?: string;
  /** @default silent */
  logger?: HttpLogger;
  /** Applied to every log line and error message. @default a redactor of `headers`' secret values */
  redactor?: HttpRedactor;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
}

/** One request through the client. */
export interface HttpRequest {
  method: HttpMethod;
  /** Path under `baseUrl`, e.g. `/spots/42` (a leading slash is optional). */
  path: string;
  searchParams?: Record<string, string | number | boolean | undefined> | URLSearchParams;
  /** A JSON body; serialised once, so every attempt sends the same bytes. */
  json?: unknown;
  /** A body already serialised by the caller (sent verbatim as JSON); wins over `json`. */
  body?: string;
  headers?: Record<string, string>;
  /** Sent in the `idempotencyHeader`; makes the request retry-safe even for POST. */
  idempotencyKey?: string;
  /** Marks a POST/PATCH as safe to repeat (the server deduplicates it). GET/HEAD/PUT/DELETE always are. */
  retrySafe?: boolean;
  /** Overrides the client's per-attempt timeout. */
  timeoutMs?: number;
  /** Overrides the client's retry limit (0 disables retries for this request). */
  retryLimit?: number;
  signal?: AbortSignal;
}

/** A successful (2xx) response. */
export interface HttpResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON (with `parseJson`) when the body is JSON, the text otherwise, `undefined` when empty. */
  data: unknown;
}

/** The client: one method, every rule applied. */
export interface HttpClient {
  request(request: HttpRequest): Promise<HttpResponse>;
}
