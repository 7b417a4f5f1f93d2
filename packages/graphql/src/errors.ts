import { type ErrorCode, isTillKitError, type TillKitError } from '@tillkit/models';
import { GraphQLError } from 'graphql/index.js';

/** The `extensions.code` values this schema produces. Match on these, never on messages. */
export const GraphQLErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  BAD_REQUEST: 'BAD_REQUEST',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  CHECKOUT_LIMIT_REACHED: 'CHECKOUT_LIMIT_REACHED',
  NO_FREE_SPOT: 'NO_FREE_SPOT',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  INTROSPECTION_DISABLED: 'INTROSPECTION_DISABLED',
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type GraphQLErrorCode = (typeof GraphQLErrorCode)[keyof typeof GraphQLErrorCode];

/** Called with every error whose detail is kept from the caller (log it; it never reaches the client). */
export type UnexpectedErrorHandler = (error: unknown) => void;

/**
 * An error the GraphQL layer raises for its caller: its message is written for them and shown as it is.
 * Everything else a resolver throws is translated by {@link toGraphQLError}.
 */
export function callerError(
  code: GraphQLErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

// Codes a service may raise for the caller (the state of their checkout), with the message they get.
const exposed: Partial<Record<ErrorCode, { code: GraphQLErrorCode; message: string }>> = {
  NOT_FOUND: { code: 'NOT_FOUND', message: 'Not found.' },
  CONFLICT: { code: 'CONFLICT', message: "This is not possible in the checkout's current state." },
  INVALID_STATE: { code: 'CONFLICT', message: "This is not possible in the checkout's current state." },
  IDEMPOTENCY_CONFLICT: { code: 'CONFLICT', message: 'This request conflicts with an earlier one.' },
};
// Transient: the caller may retry. Said as "unavailable" whether the upstream or we ran out of patience.
const unavailable = new Set<ErrorCode>([
  'UPSTREAM_UNAVAILABLE',
  'TIMEOUT',
  'NETWORK_ERROR',
  'OPERATION_IN_PROGRESS',
  'RATE_LIMITED',
]);

/** The masked error: no message, stack or cause of the original reaches the client. */
export function internalError(): GraphQLError {
  return new GraphQLError('Unexpected error.', {
    extensions: { code: GraphQLErrorCode.INTERNAL_SERVER_ERROR },
  });
}

/** True for an error an API client built from an upstream HTTP answer (a 401, a 403 with its path…). */
function fromUpstream(error: TillKitError): boolean {
  return typeof error.details['upstreamStatus'] === 'number';
}

// The engine's "every spot is taken": a shopper can act on it (wait), so it gets its own code rather than a
// generic conflict.
function noFreeSpot(error: TillKitError): boolean {
  return error.details['reason'] === 'no_free_spot' && !fromUpstream(error);
}

function badUserInput(error: TillKitError): GraphQLError {
  const issues = error.issues.map((i) => ({ field: i.path, message: i.message }));
  // Rebuilt from the issues, which name the caller's fields; the error's own message is not ours to show.
  const message = `Invalid input: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`;
  return new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', field: issues[0]?.field ?? '', issues },
  });
}

function fromTillKitError(error: TillKitError, onUnexpected: UnexpectedErrorHandler): GraphQLError {
  if (error.code === 'VALIDATION_FAILED' && !fromUpstream(error) && error.issues.length > 0)
    return badUserInput(error);
  if (noFreeSpot(error)) {
    onUnexpected(error);
    return new GraphQLError('Every payment spot of the shop is busy; try again in a minute.', {
      extensions: { code: GraphQLErrorCode.NO_FREE_SPOT, retryable: true },
    });
  }
  const shown = fromUpstream(error) ? undefined : exposed[error.code];
  if (shown) return new GraphQLError(shown.message, { extensions: { code: shown.code } });
  // From here on the detail is the server's business: the caller gets a stable code, the logger the rest.
  onUnexpected(error);
  if (unavailable.has(error.code)) {
    const extensions: Record<string, unknown> = {
      code: GraphQLErrorCode.SERVICE_UNAVAILABLE,
      retryable: true,
    };
    if (error.retryAfterMs !== undefined) extensions['retryAfterMs'] = error.retryAfterMs;
    return new GraphQLError('A payment or fiscal service is temporarily unavailable; retry shortly.', {
      extensions,
    });
  }
  return internalError();
}

/**
 * The one translation from anything a resolver throws to a GraphQL error: a GraphQLError that already
 * carries a code passes, a TillKitError maps by its code (upstream detail never shown), anything else is
 * masked as INTERNAL_SERVER_ERROR.
 */
export function toGraphQLError(error: unknown, onUnexpected: UnexpectedErrorHandler): GraphQLError {
  if (error instanceof GraphQLError && typeof error.extensions['code'] === 'string') return error;
  if (isTillKitError(error)) return fromTillKitError(error, onUnexpected);
  onUnexpected(error);
  return internalError();
}
