import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql/index.js';

/** How one custom scalar validates: returns the value or a reason it is rejected. */
type Check = (value: unknown) => { ok: true; value: unknown } | { ok: false; reason: string };

const currencies = new Set(Intl.supportedValuesOf('currency'));
const checkoutIdPattern = /^att_[A-Za-z0-9_-]{1,80}$/;
const tokenPattern = /^[A-Za-z0-9_-]{20,128}$/;
const entityIdPattern = /^[A-Za-z0-9_.-]{1,64}$/;

const pattern =
  (re: RegExp, what: string): Check =>
  (v) =>
    typeof v === 'string' && re.test(v) ? { ok: true, value: v } : { ok: false, reason: `must be ${what}` };

/** Validation of every custom scalar of the schema, keyed by scalar name. */
export const scalarChecks: Record<string, Check> = {
  TillKitMinorUnits: (v) =>
    typeof v === 'number' && Number.isSafeInteger(v)
      ? { ok: true, value: v }
      : { ok: false, reason: 'must be an integer number of minor units (cents), not a decimal' },
  // The same rule as @tillkit/models' CurrencyCode, without a zod parse per serialized amount (hot path).
  TillKitCurrencyCode: (v) =>
    typeof v === 'string' && currencies.has(v)
      ? { ok: true, value: v }
      : { ok: false, reason: 'must be an ISO 4217 currency code (EUR)' },
  TillKitCheckoutId: pattern(checkoutIdPattern, 'a checkout id (att_…)'),
  TillKitCheckoutToken: pattern(tokenPattern, 'a checkout token'),
  TillKitEntityId: pattern(entityIdPattern, '1-64 letters, digits, _, - or .'),
};

function invalid(name: string, reason: string, node?: ValueNode): GraphQLError {
  // No `field` here: the scalar knows its type, not where it was used. The edge (input-errors.ts) names the
  // field from the variable path or the literal's node, which is why a literal's error carries its node.
  return new GraphQLError(`Invalid ${name}: ${reason}`, {
    nodes: node ?? null,
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

function literalValue(node: ValueNode): unknown {
  switch (node.kind) {
    case Kind.INT:
      return Number(node.value);
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.STRING:
      return node.value;
    default:
      return undefined;
  }
}

/** Gives a scalar built from SDL its validation (parse from variables and literals, serialize on output). */
export function attachScalar(scalar: GraphQLScalarType, check: Check): void {
  const run = (value: unknown, node?: ValueNode) => {
    const r = check(value);
    if (!r.ok) throw invalid(scalar.name, r.reason, node);
    return r.value;
  };
  scalar.parseValue = (value) => run(value);
  scalar.parseLiteral = (node) => {
    // A float literal is rejected by MinorUnits even when it looks whole (12.0), so keep its kind.
    if (node.kind === Kind.FLOAT && scalar.name === 'TillKitMinorUnits')
      throw invalid(scalar.name, 'must be an integer number of minor units (cents), not a decimal', node);
    return run(literalValue(node), node);
  };
  scalar.serialize = (value) => run(value);
}

/**
 * The schema's scalars as standalone `GraphQLScalarType`s, for a host that builds its schema from
 * {@link hostTypeDefs} and registers scalars itself.
 */
export function createScalars(): Record<string, GraphQLScalarType> {
  return Object.fromEntries(
    Object.entries(scalarChecks).map(([name, check]) => {
      const scalar = new GraphQLScalarType({ name });
      attachScalar(scalar, check);
      return [name, scalar];
    }),
  );
}
