import {
  type ASTVisitor,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql/index.js';

/** Limits on what one operation may ask for. */
export interface QueryLimits {
  /** Deepest field nesting allowed (the root field is depth 1). @default 8 */
  maxDepth?: number;
  /** Highest cost allowed: each field costs 1, fields under a list cost `listFactor` times more. @default 1000 */
  maxCost?: number;
  /** Assumed length of a list field for costing. @default 10 */
  listFactor?: number;
  /** Answer `__schema` and `__type` queries. Off in production: the shop's schema is not a public API. @default false */
  introspection?: boolean;
}

function tooComplex(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX' } });
}

interface Measure {
  depth: number;
  cost: number;
}

function measure(
  set: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  listFields: ReadonlySet<string>,
  factor: number,
  seen: Set<string>,
): Measure {
  let depth = 0;
  let cost = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      const child = sel.selectionSet
        ? measure(sel.selectionSet, fragments, listFields, factor, seen)
        : { depth: 0, cost: 0 };
      const multiplier = listFields.has(sel.name.value) ? factor : 1;
      depth = Math.max(depth, child.depth + 1);
      cost += 1 + child.cost * multiplier;
    } else {
      const inner =
        sel.kind === Kind.INLINE_FRAGMENT ? sel.selectionSet : fragments[sel.name.value]?.selectionSet;
      // A fragment spread cycle is reported by graphql's own NoFragmentCyclesRule; do not loop on it.
      if (!inner || (sel.kind === Kind.FRAGMENT_SPREAD && seen.has(sel.name.value))) continue;
      if (sel.kind === Kind.FRAGMENT_SPREAD) seen.add(sel.name.value);
      const child = measure(inner, fragments, listFields, factor, seen);
      if (sel.kind === Kind.FRAGMENT_SPREAD) seen.delete(sel.name.value);
      depth = Math.max(depth, child.depth);
      cost += child.cost;
    }
  }
  return { depth, cost };
}

/** Names of the schema's list-typed fields (costed as lists). */
const listFieldNames = new Set(['lines', 'vat', 'signatures', 'tillkitDocuments']);

/**
 * A validation rule rejecting operations deeper than `maxDepth` or costlier than `maxCost`, with
 * `extensions.code` QUERY_TOO_COMPLEX. Add it to the validation rules of whatever server runs the schema.
 */
export function queryLimitsRule(limits: QueryLimits = {}): ValidationRule {
  const maxDepth = limits.maxDepth ?? 8;
  const maxCost = limits.maxCost ?? 1000;
  const factor = limits.listFactor ?? 10;
  return (context: ValidationContext): ASTVisitor => {
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const def of context.getDocument().definitions)
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
    return {
      OperationDefinition(node) {
        const m = measure(node.selectionSet, fragments, listFieldNames, factor, new Set());
        if (m.depth > maxDepth)
          context.reportError(tooComplex(`Query depth ${m.depth} exceeds the limit of ${maxDepth}.`));
        if (m.cost > maxCost)
          context.reportError(tooComplex(`Query cost ${m.cost} exceeds the limit of ${maxCost}.`));
      },
    };
  };
}

/** Refuses `__schema` and `__type` (`__typename` stays allowed), with a stable code. */
export const noIntrospectionRule: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value !== '__schema' && node.name.value !== '__type') return;
    context.reportError(
      new GraphQLError('Introspection is disabled on this server.', {
        nodes: node,
        extensions: { code: 'INTROSPECTION_DISABLED' },
      }),
    );
  },
});

/** The rules an operation is validated with beyond graphql's own: limits, and introspection unless enabled. */
export function extraRules(limits: QueryLimits = {}): ValidationRule[] {
  return limits.introspection === true
    ? [queryLimitsRule(limits)]
    : [queryLimitsRule(limits), noIntrospectionRule];
}
