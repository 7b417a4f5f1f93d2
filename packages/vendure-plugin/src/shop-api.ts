// The @tillkit/graphql contract in Vendure's shop API: its SDL less what Vendure already has, its scalars,
// and its framework-free resolver map behind one Nest resolver class per type (Vendure takes classes only).
import { Inject, type Type } from '@nestjs/common';
import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  createResolverMap,
  createScalars,
  hostTypeDefs,
  type TillKitGraphQLServices,
} from '@tillkit/graphql';
import { Allow, Ctx, Permission, type RequestContext } from '@vendure/core';
import type { GraphQLSchema } from 'graphql';
import { gql } from 'graphql-tag';
import { receiptsSchema } from './api.ts';
import { TillKitService } from './tillkit.service.ts';

/** The shop extension's schema: the contract as an extension of Vendure's schema, plus `Order.tillkitReceipts`. */
export const shopSchema = (host?: GraphQLSchema) =>
  gql`${hostTypeDefs(host ? { host, subscription: false } : { subscription: false })}${receiptsSchema}`;

export const shopScalars = createScalars;

/** One class per contract type, each field forwarding to the service's resolver map. */
function resolverClass(type: string, fields: string[]): Type<unknown> {
  class ContractResolver {
    constructor(readonly tillkit: TillKitService) {}
  }
  Inject(TillKitService)(ContractResolver, undefined, 0);
  const proto = ContractResolver.prototype as unknown as Record<string, unknown>;
  for (const field of fields) {
    proto[field] = function (this: ContractResolver, parent: unknown, args: object, ctx: RequestContext) {
      return this.tillkit.contract[type]?.[field]?.(parent, args as Record<string, unknown>, ctx);
    };
    Parent()(proto, field, 0);
    Args()(proto, field, 1);
    Ctx()(proto, field, 2);
    const descriptor = Object.getOwnPropertyDescriptor(proto, field) as PropertyDescriptor;
    (type === 'Query' ? Query(field) : type === 'Mutation' ? Mutation(field) : ResolveField(field))(
      proto,
      field,
      descriptor,
    );
    // No Transaction(): the store commits on its own connection, and sql.js cannot nest transactions.
    // Starting needs the shopper's session (the active order's owner), as addItemToOrder does.
    if (field === 'tillkitStartCheckout') Allow(Permission.Owner)(proto, field, descriptor);
  }
  Resolver(type)(ContractResolver);
  Object.defineProperty(ContractResolver, 'name', { value: `TillKit${type}Resolver` });
  return ContractResolver;
}

// The classes must exist before Nest builds the services, so the field names come from a map built over
// no services (building one calls none).
const probe = createResolverMap({} as TillKitGraphQLServices, { merchantApiKey: 'field-names-only' });

/** The contract's resolver classes (the shop API has no subscriptions here: clients poll). */
export const contractResolvers = Object.entries(probe)
  .filter(([type]) => type !== 'Subscription')
  .map(([type, fields]) => resolverClass(type, Object.keys(fields)));
