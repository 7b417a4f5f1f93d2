import { type ErrorCode, TillKitError, WalletErrorBody } from '@tillkit/models';

// Paysera Wallet error codes (spec §2.7) onto TillKit's. Anything unknown falls back to the status mapping.
const codes: Record<string, ErrorCode> = {
  invalid_request: 'VALIDATION_FAILED',
  invalid_parameters: 'VALIDATION_FAILED',
  unauthorized: 'UNAUTHENTICATED',
  forbidden: 'FORBIDDEN',
  not_found: 'NOT_FOUND',
  invalid_state: 'INVALID_STATE',
  rate_limit_exceeded: 'RATE_LIMITED',
};

/** Maps a Wallet `{error, error_description}` body to a TillKitError (for the HTTP layer's `mapErrorBody`). */
export function mapWalletError(status: number, body: unknown): TillKitError | undefined {
  const parsed = WalletErrorBody.safeParse(body);
  // 429 and 5xx keep the default mapping, which reads Retry-After.
  if (!parsed.success || status >= 500 || status === 429) return undefined;
  const code = codes[parsed.data.error];
  if (code === undefined) return undefined;
  const reason = parsed.data.error_description ?? parsed.data.error;
  return new TillKitError(code, `Wallet API ${status} ${parsed.data.error}: ${reason}`, {
    status,
    details: { upstreamStatus: status, upstreamCode: parsed.data.error },
  });
}
