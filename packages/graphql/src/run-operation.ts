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
import { codedExecutionResult, codedParseError, codedValidationErrors } from './coded.ts';
import { extraRules, type QueryLimits } from './limits.ts';

/** One GraphQL request. */
export interface OperationRequest {
  query: string;
  variables?: Record<string, unknown> | undefined;
  operationName?: string | undefined;
  /** Whatever the host passes as context (the merchant key is read from it). */
  context?: unknown;
}

/**
 * Parses, validates (graphql's rules plus depth and cost limits, introspection off unless enabled) and executes one operation, without any
 * server. For hosts that run the schema themselves (a Medusa route, a test).
 */
export function createOperationRunner(
  schema: GraphQLSchema,
  limits: QueryLimits = {},
): (request: OperationRequest) => Promise<ExecutionResult> {
  const rules = [...specifiedRules, ...extraRules(limits)];
  return async (request) => {
    let document: ReturnType<typeof parse>;
    try {
      document = parse(request.query, { maxTokens: 2000 });
    } catch (e) {
      return { errors: [codedParseError(e as GraphQLError)] };
    }
    const invalid = validate(schema, document, rules);
    if (invalid.length > 0) return { errors: codedValidationErrors(invalid, document) };
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
    return codedExecutionResult(result, document);
  };
}
