// graphql 16 ships CJS (main) and ESM (module) without an exports map; Node resolves both 'graphql' and
// yoga's import to the CJS file, bundlers/vitest may pick the .mjs. Importing the CJS file by path keeps one copy.

import {
  buildSchema,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  isObjectType,
  isScalarType,
} from 'graphql/index.js';
import { toGraphQLError } from './errors.ts';
import { resolveOptions, type SchemaOptions } from './options.ts';
import { createResolvers } from './resolvers.ts';
import { attachScalar, scalarChecks } from './scalars.ts';
import { typeDefs } from './schema.ts';
import type { TillKitServices } from './services.ts';

/**
 * Builds the executable TillKit schema over the given services: SDL, scalars with validation, resolvers,
 * and error translation (TillKitError → `extensions.code`, anything else masked). Knows no server.
 *
 * @example
 * const schema = makeSchema(services, { merchantApiKey, checkoutTokenSecret });
 * const yoga = createYoga({ schema, plugins: [useValidationRule(queryLimitsRule())] });
 */
export function makeSchema(services: TillKitServices, options: SchemaOptions): GraphQLSchema {
  const resolved = resolveOptions(options);
  const schema = buildSchema(typeDefs);
  const resolvers = createResolvers(services, resolved);
  for (const type of Object.values(schema.getTypeMap())) {
    if (isScalarType(type)) {
      const check = scalarChecks[type.name];
      if (check) attachScalar(type, check);
      continue;
    }
    if (!isObjectType(type)) continue;
    const typeResolvers = resolvers[type.name];
    if (!typeResolvers) continue;
    const fields = type.getFields();
    for (const [name, resolve] of Object.entries(typeResolvers)) {
      const field = fields[name];
      if (!field) throw new Error(`Resolver ${type.name}.${name} has no field in the SDL`);
      if (type.name === 'Subscription') {
        // The subscribe function produces the stream; each event already is the field's value.
        field.subscribe = guarded(resolve, resolved.onUnexpectedError);
        field.resolve = (payload) => payload;
        continue;
      }
      field.resolve = pureFields.has(`${type.name}.${name}`)
        ? resolve
        : guarded(resolve, resolved.onUnexpectedError);
    }
  }
  return schema;
}

// Synchronous derivations of data already fetched: they call no service, so they have nothing to translate
// and skip the guard on the hot polling path.
const pureFields = new Set(['Checkout.status', 'Checkout.paid', 'Checkout.terminal', 'Money.formatted']);

type Guarded = GraphQLFieldResolver<unknown, unknown, Record<string, unknown>>;

// The edge: every resolver's failure is translated here and only here.
function guarded(
  resolve: (p: unknown, a: Record<string, unknown>, c: unknown) => unknown,
  onUnexpected: (e: unknown) => void,
): Guarded {
  return (parent, args, context) => {
    try {
      const value = resolve(parent, args, context);
      if (value instanceof Promise)
        return value.catch((e: unknown) => Promise.reject(toGraphQLError(e, onUnexpected)));
      return value;
    } catch (e) {
      throw toGraphQLError(e, onUnexpected);
    }
  };
}
