import { type ErrorCode, isTillKitError, type TillKitError } from '@tillkit/models';
import { GraphQLError } from 'graphql/index.js';

/** The `extensions.code` values this schema produces. Match on these, never on messages. */
export const GraphQLErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type GraphQLErrorCode = (typeof GraphQLErrorCode)[keyof typeof GraphQLErrorCode];

// Codes whose message is written for a caller. Everything else (config, upstream auth, parse failures of
// upstream responses, INTERNAL) is the server's problem: masked, so no upstream detail or secret leaks.
const exposed: Partial<Record<ErrorCode, GraphQLErrorCode>> = {
  VALIDATION_FAILED: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  INVALID_STATE: 'CONFLICT',
  IDEMPOTENCY_CONFLICT: 'CONFLICT',
  RECEIPT_UNBALANCED: 'BAD_USER_INPUT',
  RATE_LIMITED: 'RATE_LIMITED',
};
const unavailable = new Set<ErrorCode>([
  'UPSTREAM_UNAVAILABLE',
  'TIMEOUT',
  'NETWORK_ERROR',
  'OPERATION_IN_PROGRESS',
]);

/** Called with every error that is masked, so the host can log it (the response never carries it). */
export type UnexpectedErrorHandler = (error: unknown) => void;

/** The masked error: no message, stack or cause of the original reaches the client. */
export function internalError(): GraphQLError {
  return new GraphQLError('Unexpected error.', {
    extensions: { code: GraphQLErrorCode.INTERNAL_SERVER_ERROR },
  });
}

function fromTillKitError(error: TillKitError, onUnexpected: UnexpectedErrorHandler): GraphQLError {
  const code = exposed[error.code];
  if (code === 'BAD_USER_INPUT') {
    const issues = error.issues.map((i) => ({ field: i.path, message: i.message }));
    return new GraphQLError(error.message, { extensions: { code, field: issues[0]?.field ?? '', issues } });
  }
  if (code) return new GraphQLError(error.message, { extensions: { code } });
  if (unavailable.has(error.code)) {
    onUnexpected(error);
    const extensions: Record<string, unknown> = {
      code: GraphQLErrorCode.SERVICE_UNAVAILABLE,
      retryable: true,
    };
    if (error.retryAfterMs !== undefined) extensions['retryAfterMs'] = error.retryAfterMs;
    return new GraphQLError('A payment or fiscal service is temporarily unavailable; retry shortly.', {
      extensions,
    });
  }
  onUnexpected(error);
  return internalError();
}

/**
 * The one translation from anything a resolver throws to a GraphQL error: a GraphQLError that already
 * carries a code passes, a TillKitError maps by its code, anything else is masked as INTERNAL_SERVER_ERROR.
 */
export function toGraphQLError(error: unknown, onUnexpected: UnexpectedErrorHandler): GraphQLError {
  if (error instanceof GraphQLError && typeof error.extensions['code'] === 'string') return error;
  if (isTillKitError(error)) return fromTillKitError(error, onUnexpected);
  onUnexpected(error);
  return internalError();
}
