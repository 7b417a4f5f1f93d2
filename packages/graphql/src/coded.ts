// The one place that gives every error graphql-js itself produces a stable `extensions.code`, shared by the
// operation runner (hosts without a server) and the yoga server, so both answer the same input the same way.
import { type DocumentNode, type ExecutionResult, GraphQLError } from 'graphql/index.js';
import { literalInputError, variableInputError } from './input-errors.ts';

function withCode(error: GraphQLError, code: string): GraphQLError {
  if (typeof error.extensions['code'] === 'string') return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes ?? null,
    extensions: { ...error.extensions, code },
  });
}

function maskUncoded(error: GraphQLError): GraphQLError {
  if (typeof error.extensions['code'] === 'string') return error;
  return new GraphQLError('Unexpected error.', {
    nodes: error.nodes ?? null,
    path: error.path ?? null,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  });
}

/** A document that does not parse. */
export function codedParseError(error: GraphQLError): GraphQLError {
  return withCode(error, 'GRAPHQL_PARSE_FAILED');
}

/** Validation errors: a bad literal value is the caller's input (BAD_USER_INPUT naming the field). */
export function codedValidationErrors(
  errors: readonly GraphQLError[],
  document: DocumentNode,
): GraphQLError[] {
  return errors.map((e) => literalInputError(e, document) ?? withCode(e, 'GRAPHQL_VALIDATION_FAILED'));
}

/**
 * Execution errors. Without data, execution never started: the variables did not coerce (the caller's
 * input, named by field). With data, an error without a code is graphql's own (a null in a non-null
 * field): a server bug, masked.
 */
export function codedExecutionResult<T extends ExecutionResult>(result: T, document?: DocumentNode): T {
  if (!result.errors) return result;
  const fix =
    result.data === undefined
      ? (e: GraphQLError) => variableInputError(e, document) ?? withCode(e, 'BAD_USER_INPUT')
      : maskUncoded;
  return { ...result, errors: result.errors.map(fix) };
}
