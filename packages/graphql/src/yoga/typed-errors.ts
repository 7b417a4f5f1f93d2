// Makes yoga's own pipeline answer like the operation runner: literal and variable errors typed and
// naming the field, and no extension reaching the client beyond the documented ones (yoga attaches the
// `originalError` of a body it could not parse, with the parser's message, outside production).
import { type DocumentNode, type ExecutionResult, GraphQLError } from 'graphql/index.js';
import type { Plugin } from 'graphql-yoga';
import { codedExecutionResult, codedValidationErrors } from '../coded.ts';

const shownExtensions = ['code', 'field', 'issues', 'retryable', 'retryAfterMs', 'limit', 'http'];

// A request that never ran (it did not parse, validate or coerce) is the client's error: HTTP 400, as yoga
// itself answers a bad variable. Set here because the errors are rebuilt above yoga's own detection.
const requestErrors = new Set([
  'BAD_REQUEST',
  'BAD_USER_INPUT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'QUERY_TOO_COMPLEX',
  'INTROSPECTION_DISABLED',
]);

function sanitize(result: ExecutionResult): ExecutionResult {
  if (!result.errors) return result;
  const errors = result.errors.map((e) => {
    const ext = e.extensions ?? {};
    const extensions = Object.fromEntries(shownExtensions.filter((k) => k in ext).map((k) => [k, ext[k]]));
    if (typeof extensions['code'] !== 'string') extensions['code'] = 'BAD_REQUEST';
    if (
      result.data == null &&
      extensions['http'] === undefined &&
      requestErrors.has(String(extensions['code']))
    )
      extensions['http'] = { status: 400 };
    // Rebuilt without originalError: yoga serializes that one's message outside production.
    return new GraphQLError(e.message, {
      nodes: e.nodes ?? null,
      source: e.source ?? null,
      positions: e.positions ?? null,
      path: e.path ?? null,
      extensions,
    });
  });
  return { ...result, errors };
}

function isIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/** The yoga plugin typing graphql-js's own errors (see coded.ts) and filtering every error's extensions. */
export function useTypedErrors(): Plugin {
  return {
    onValidate({ params }) {
      const document: DocumentNode = params.documentAST;
      return ({ valid, result, setResult }) => {
        if (!valid) setResult(codedValidationErrors(result as readonly GraphQLError[], document));
      };
    },
    onExecute({ args }) {
      return {
        onExecuteDone({ result, setResult }) {
          if (!isIterable(result)) setResult(codedExecutionResult(result, args.document));
        },
      };
    },
    onSubscribe({ args }) {
      return {
        onSubscribeResult({ result, setResult }) {
          if (!isIterable(result)) setResult(codedExecutionResult(result, args.document));
        },
      };
    },
    onResultProcess({ result, setResult }) {
      if (isIterable(result)) return;
      setResult(Array.isArray(result) ? result.map(sanitize) : sanitize(result));
    },
  };
}
