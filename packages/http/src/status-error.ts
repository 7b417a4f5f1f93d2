import { type ErrorCode, TillKitError } from '@tillkit/models';
import { summarizeErrorBody } from './error-body.ts';
import { parseRetryAfterMs } from './retry-after.ts';

/** The TillKit code for an upstream HTTP status. */
export function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 408) return 'TIMEOUT';
  if (status === 429) return 'RATE_LIMITED';
  if (status >= 500) return 'UPSTREAM_UNAVAILABLE';
  return 'VALIDATION_FAILED';
}

/** Context for the default mapping: what was called, for a useful (already redacted) message. */
export interface StatusErrorContext {
  method: string;
  /** Path (no host, no query) of the call, used in the message. */
  path: string;
  attempts: number;
}

/**
 * The default TillKitError for a non-2xx response: the code by status, the message and field issues
 * from the body (any known service shape), `retryAfterMs` from Retry-After on 429/503.
 */
export function errorFromStatus(
  status: number,
  body: unknown,
  headers: Headers,
  context: StatusErrorContext,
): TillKitError {
  const summary = summarizeErrorBody(body);
  const code = codeForStatus(status);
  const retryAfterMs =
    status === 429 || status === 503 ? parseRetryAfterMs(headers.get('retry-after')) : undefined;
  const reason = summary.message === undefined ? '' : `: ${summary.message}`;
  return new TillKitError(code, `${context.method} ${context.path} failed with HTTP ${status}${reason}`, {
    status,
    issues: summary.issues,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    details: {
      upstreamStatus: status,
      ...(summary.upstreamCode === undefined ? {} : { upstreamCode: summary.upstreamCode }),
      attempts: context.attempts,
    },
  });
}
