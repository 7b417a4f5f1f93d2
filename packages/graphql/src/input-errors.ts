// graphql-js reports a bad input value in two places, neither with a code nor with the field in a form a
// client can match on: variable coercion ("Variable "$input" got invalid value 2.5 at "input.lines[0].quantity";
// …") and literal validation (an error whose node is the bad value inside the document). This module turns
// both into BAD_USER_INPUT with `extensions.field` as a dotted path (`input.lines.0.quantity`), for the
// operation runner and for the yoga server alike.
import { type ASTNode, type DocumentNode, GraphQLError, Kind, type ValueNode, visit } from 'graphql/index.js';

const variablePattern = /^Variable "\$([^"]+)" got invalid value .*?(?: at "([^"]+)")?; (.*)$/s;
const missingVariablePattern =
  /^Variable "\$([^"]+)" of (?:required|non-null) type "[^"]+" (?:was not provided|must not be null)\.$/;
const unknownFieldPattern = /Field "([^"]+)" is not defined by type/;
const missingFieldPattern = /Field "(?:[^".]+\.)?([^"]+)" of required type .* was not provided\.$/;
const missingArgumentPattern = /^Field "[^"]+" argument "([^"]+)" of type .* is required/;

/** `input.lines[0].quantity` → `input.lines.0.quantity`. */
function dotted(path: string): string {
  return path.replace(/\[(\d+)\]/g, '.$1');
}

function badInput(error: GraphQLError, message: string, field: string): GraphQLError {
  return new GraphQLError(message, {
    nodes: error.nodes ?? null,
    extensions: { code: 'BAD_USER_INPUT', field },
  });
}

/** Where a variable is used: the argument path (`filter` for `documents(filter: $f)`), else its own name. */
function argumentPathOf(variable: string, document: DocumentNode | undefined): string {
  let use: ASTNode | undefined;
  if (document)
    visit(document, {
      Variable(node, _key, parent) {
        // The variable's own definition (`$f: DocumentFilterInput`) is not a use.
        if (use === undefined && node.name.value === variable && !isDefinition(parent)) use = node;
      },
    });
  return (use && document && literalPath(document, use)) || variable;
}

function isDefinition(parent: unknown): boolean {
  return (parent as { kind?: string } | undefined)?.kind === Kind.VARIABLE_DEFINITION;
}

/**
 * A variable coercion error as BAD_USER_INPUT naming the field by the argument it feeds (so `$f` in
 * `documents(filter: $f)` is `filter`), an unknown or missing input field by itself; undefined when the
 * error is not about a variable's value.
 */
export function variableInputError(error: GraphQLError, document?: DocumentNode): GraphQLError | undefined {
  const missing = missingVariablePattern.exec(error.message);
  if (missing) return badInput(error, error.message, argumentPathOf(missing[1] ?? '', document));
  const m = variablePattern.exec(error.message);
  if (!m) return undefined;
  const [, variable = '', at, reason = ''] = m;
  const base = argumentPathOf(variable, document);
  const rest = at === undefined ? '' : dotted(at).slice(variable.length);
  let field = `${base}${rest}`;
  const inner = unknownFieldPattern.exec(reason)?.[1] ?? missingFieldPattern.exec(reason)?.[1];
  if (inner !== undefined) field = `${field}.${inner}`;
  // The reason of a custom scalar is its own message ("Invalid CheckoutId: …"); prefix the field so the
  // message names what the caller sent, not only the type it should have been.
  return badInput(error, `Invalid value for ${field}: ${reason}`, field);
}

/** The dotted path of a value node inside the document: `input.lines.0.quantity` for an argument's literal. */
function literalPath(document: DocumentNode, target: ASTNode): string | undefined {
  let found: string | undefined;
  const stack: string[] = [];
  visit(document, {
    enter(node, key) {
      if (found !== undefined) return false;
      if (node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD) stack.push(node.name.value);
      else if (typeof key === 'number' && isValue(node)) stack.push(String(key));
      if (node === target) found = stack.join('.');
      return undefined;
    },
    leave(node, key) {
      if (node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD) stack.pop();
      else if (typeof key === 'number' && isValue(node)) stack.pop();
    },
  });
  return found;
}

function isValue(node: ASTNode): node is ValueNode {
  return (
    node.kind === Kind.INT ||
    node.kind === Kind.FLOAT ||
    node.kind === Kind.STRING ||
    node.kind === Kind.BOOLEAN ||
    node.kind === Kind.NULL ||
    node.kind === Kind.ENUM ||
    node.kind === Kind.LIST ||
    node.kind === Kind.OBJECT ||
    node.kind === Kind.VARIABLE
  );
}

/**
 * A validation error about a literal value (a float where an Int belongs, a bad scalar, an unknown or a
 * missing input field) as BAD_USER_INPUT naming the field; undefined for any other validation error.
 */
export function literalInputError(error: GraphQLError, document: DocumentNode): GraphQLError | undefined {
  const node = error.nodes?.[0];
  if (!node) return undefined;
  if (node.kind === Kind.OBJECT_FIELD) {
    // An unknown input field is reported on the field itself, whose path already ends with its name.
    const field = literalPath(document, node);
    if (field === undefined) return undefined;
    return badInput(error, `Invalid value for ${field}: ${error.message}`, field);
  }
  if (isValue(node)) {
    const at = literalPath(document, node);
    if (at === undefined) return undefined;
    // A missing input field is reported on the object holding it: name the field itself.
    const unknown = unknownFieldPattern.exec(error.message)?.[1];
    const missing = missingFieldPattern.exec(error.message)?.[1];
    const inner = unknown ?? missing;
    const field = inner === undefined ? at : at === '' ? inner : `${at}.${inner}`;
    const what = missing === undefined ? 'Invalid value for' : 'Missing value for';
    return badInput(error, `${what} ${field}: ${error.message}`, field);
  }
  // A required argument left out is reported on the field node.
  const argument = missingArgumentPattern.exec(error.message)?.[1];
  if (argument !== undefined && node.kind === Kind.FIELD)
    return badInput(error, `Missing value for ${argument}: ${error.message}`, argument);
  return undefined;
}
