import {
  type ExecutionResult,
  execute,
  GraphQLError,
  type GraphQLSchema,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
} from 'graphql/index.js';
import { type QueryLimits, queryLimitsRule } from './limits.ts';

/** One GraphQL request. */
export interface OperationRequest {
  query: string;
  variables?: Record<string, unknown> | undefined;
  operationName?: string | undefined;
  /** Whatever the host passes as context (the merchant key is read from it). */
  context?: unknown;
}

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

/**
 * Parses, validates (graphql's rules plus depth and cost limits) and executes one operation, without any
 * server. For hosts that run the schema themselves (a Medusa route, a test).
 */
export function createOperationRunner(
  schema: GraphQLSchema,
  limits: QueryLimits = {},
): (request: OperationRequest) => Promise<ExecutionResult> {
  const rules = [...specifiedRules, queryLimitsRule(limits)];
  return async (request) => {
    let document: ReturnType<typeof parse>;
    try {
      document = parse(request.query, { maxTokens: 2000 });
    } catch (e) {
      return { errors: [withCode(e as GraphQLError, 'GRAPHQL_PARSE_FAILED')] };
    }
    const invalid = validate(schema, document, rules);
    if (invalid.length > 0) return { errors: invalid.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED')) };
    if (getOperationAST(document, request.operationName)?.operation === 'subscription') {
      const message =
        'Subscriptions need a streaming transport: use createServer (SSE) or graphql subscribe().';
      return { errors: [new GraphQLError(message, { extensions: { code: 'BAD_REQUEST' } })] };
    }
    const result = await execute({
      schema,
      document,
      variableValues: request.variables,
      operationName: request.operationName,
      contextValue: request.context ?? {},
    });
    if (!result.errors) return result;
    // Without data, execution never started: the variables did not coerce (the caller's input). With data,
    // an error without a code is graphql's own (a null in a non-null field): a server bug, masked.
    const fix = result.data === undefined ? (e: GraphQLError) => withCode(e, 'BAD_USER_INPUT') : maskUncoded;
    return { ...result, errors: result.errors.map(fix) };
  };
}
