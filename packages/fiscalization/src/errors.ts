import { summarizeErrorBody } from '@tillkit/http';
import { TillKitError } from '@tillkit/models';

/**
 * fiskaltrust's idempotency answers (specs/README.md decision 2): 409 = this operation id was used for
 * a different body, 422 = the operation is still running, 500 = the operation failed and that failure
 * is what the id now replays (spec §4.1 (6)), so it is not retryable under the same id. Everything else
 * keeps the HTTP layer's mapping by status, with the ProblemDetails `title: detail` as the reason.
 */
export function mapFiskaltrustError(status: number, body: unknown): TillKitError | undefined {
  const reason = summarizeErrorBody(body).message;
  const suffix = reason === undefined ? '' : ` (${reason})`;
  if (status === 409) {
    return new TillKitError(
      'IDEMPOTENCY_CONFLICT',
      `fiskaltrust refused the operation: its x-operation-id was already used with a different body${suffix}`,
      { status },
    );
  }
  if (status === 422) {
    return new TillKitError(
      'OPERATION_IN_PROGRESS',
      `fiskaltrust is still processing this operation${suffix}`,
      { status },
    );
  }
  if (status === 500) {
    return new TillKitError(
      'UPSTREAM_UNAVAILABLE',
      `fiskaltrust failed the operation with HTTP 500${suffix}; repeating its x-operation-id only replays this failure, so send it again under a new one`,
      { status, retryable: false, details: { upstreamStatus: status } },
    );
  }
  return undefined;
}
