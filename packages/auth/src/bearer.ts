import { TillKitError } from '@tillkit/models';

// RFC 6750 b64token: the characters a Bearer token may hold, so it can never break the header line.
const b64token = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * The `Authorization` value for the Paysera POS External API's personal access token.
 *
 * @example bearerAuthorization('pat_123') // 'Bearer pat_123'
 */
export function bearerAuthorization(token: string): string {
  if (!b64token.test(token)) {
    // The message deliberately does not echo the token.
    throw new TillKitError(
      'INVALID_CONFIG',
      'Bearer token is empty or contains characters a token may not hold',
      {
        issues: [{ path: 'token', message: 'must be a non-empty RFC 6750 token' }],
      },
    );
  }
  return `Bearer ${token}`;
}
