// graphql 16 ships CJS (main) and ESM (module) without an exports map; Node resolves both 'graphql' and
// yoga's import to the CJS file, bundlers/vitest may pick the .mjs. Importing the CJS file by path keeps one copy.

import { buildSchema, type GraphQLSchema, isObjectType, isScalarType } from 'graphql/index.js';
import { toGraphQLError, type UnexpectedErrorHandler } from './errors.ts';
import { resolveOptions, type SchemaOptions } from './options.ts';
import type { TillKitGraphQLServices } from './ports.ts';
import { createResolvers, type Resolver, type ResolverMap } from './resolvers.ts';
import { attachScalar, scalarChecks } from './scalars.ts';
import { typeDefs } from './schema.ts';

// Synchronous derivations of data already fetched: they call no service, so they have nothing to translate
// and skip the guard on the hot polling path.
const pureFields = new Set([
  'TillKitCheckout.status',
  'TillKitCheckout.paid',
  'TillKitCheckout.terminal',
  'TillKitCheckout.pollAfterMs',
  'TillKitCheckout.receiptStatus',
  'TillKitCheckout.receiptPending',
  'TillKitMoney.formatted',
]);

// The edge: every resolver's failure is translated here and only here.
function guarded(resolve: Resolver, onUnexpected: UnexpectedErrorHandler): Resolver {
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

/**
 * The resolver map over the services, every resolver already translating its errors (TillKitError →
 * `extensions.code`, anything else masked): for a host that builds its own schema from {@link hostTypeDefs}
 * (a Vendure shop-API extension wraps each entry in a resolver class). `Subscription` entries return the
 * event stream (their `subscribe`); each event already is the field's value.
 */
export function createResolverMap(services: TillKitGraphQLServices, options: SchemaOptions): ResolverMap {
  const resolved = resolveOptions(options);
  const raw = createResolvers(services, resolved);
  return Object.fromEntries(
    Object.entries(raw).map(([type, fields]) => [
      type,
      Object.fromEntries(
        Object.entries(fields).map(([name, resolve]) => [
          name,
          pureFields.has(`${type}.${name}`) ? resolve : guarded(resolve, resolved.onUnexpectedError),
        ]),
      ),
    ]),
  );
}

/**
 * Builds the executable TillKit schema over the given services: the SDL, scalars with validation, and
 * the resolver map. Framework-free: knows no server and no platform.
 *
 * @example
 * const schema = makeSchema({ checkout, orders }, { merchantApiKey, checkoutTokenSecret });
 * const run = createOperationRunner(schema); // or createYoga({ schema, … })
 */
export function makeSchema(services: TillKitGraphQLServices, options: SchemaOptions): GraphQLSchema {
  const schema = buildSchema(typeDefs);
  const resolvers = createResolverMap(services, options);
  for (const type of Object.values(schema.getTypeMap())) {
    if (isScalarType(type)) {
      const check = scalarChecks[type.name];
      if (check) attachScalar(type, check);
      continue;
    }
    if (!isObjectType(type)) continue;
    const fields = type.getFields();
    for (const [name, resolve] of Object.entries(resolvers[type.name] ?? {})) {
      const field = fields[name];
      if (!field) throw new Error(`Resolver ${type.name}.${name} has no field in the SDL`);
      if (type.name === 'Subscription') {
        field.subscribe = resolve;
        field.resolve = (payload) => payload;
      } else field.resolve = resolve;
    }
  }
  return schema;
}
