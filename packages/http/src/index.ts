export { createHttpClient } from './client.ts';
export { type ErrorBodySummary, summarizeErrorBody } from './error-body.ts';
export { DEFAULT_RETRY_STATUS_CODES, wait } from './retry.ts';
export { parseRetryAfterMs } from './retry-after.ts';
export { codeForStatus, errorFromStatus, type StatusErrorContext } from './status-error.ts';
export type {
  HttpClient,
  HttpClientOptions,
  HttpLogger,
  HttpMethod,
  HttpRedactor,
  HttpRequest,
  HttpResponse,
  RetryPolicy,
  SignableRequest,
} from './types.ts';
