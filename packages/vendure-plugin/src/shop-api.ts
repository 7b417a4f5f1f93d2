// The @tillkit/graphql contract in Vendure's shop API: its SDL less what Vendure already has, its scalars,
// and its framework-free resolver map behind one Nest resolver class per type (Vendure takes classes only).
import { Inject, type Type } from '@nestjs/common';
import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { createResolverMap, type Resolver as Field, hostTypeDefs } from '@tillkit/graphql';
import { Allow, Ctx, Permission } from '@vendure/core';
import type { GraphQLSchema } from 'graphql';
import { gql } from 'graphql-tag';
import { receiptsSchema } from './api.ts';
import { contractOptions, type ShopApiOptions } from './options.ts';
import { TillKitService } from './tillkit.service.ts';

/** The shop extension's schema: the contract extending Vendure's schema, and `Order.tillkitReceipts`. */
export const shopSchema = (host?: GraphQLSchema) =>
  gql`${hostTypeDefs(host ? { host, subscription: false } : { subscription: false })}${receiptsSchema}`;

/** One class per contract type, each field forwarding to the service's resolver map. */
function resolverClass(type: string, fields: string[]): Type<unknown> {
  class ContractResolver {
    constructor(readonly tillkit: TillKitService) {}
  }
  Inject(TillKitService)(ContractResolver, undefined, 0);
  const proto = ContractResolver.prototype as unknown as Record<string, unknown>;
  for (const field of fields) {
    proto[field] = function (this: ContractResolver, ...call: Parameters<Field>) {
      return this.tillkit.contract[type]?.[field]?.(...call);
    };
    Parent()(proto, field, 0);
    Args()(proto, field, 1);
    Ctx()(proto, field, 2);
    const descriptor = Object.getOwnPropertyDescriptor(proto, field) as PropertyDescriptor;
    const root = type === 'Query' ? Query : type === 'Mutation' ? Mutation : ResolveField;
    root(field)(proto, field, descriptor);
    // No Transaction(): the store commits on its own connection (sql.js cannot nest transactions).
    // Starting takes the shopper's session (the active order's owner), as addItemToOrder does.
    if (field === 'tillkitStartCheckout') Allow(Permission.Owner)(proto, field, descriptor);
  }
  Resolver(type)(ContractResolver);
  Object.defineProperty(ContractResolver, 'name', { value: `TillKit${type}Resolver` });
  return ContractResolver;
}

/** A map over no services (building one calls none): checks `shopApi`; names the fields before Nest boots. */
export const checkShopApi = (o: ShopApiOptions) => createResolverMap({} as never, contractOptions(o));
const probe = checkShopApi({});

/** The contract's resolver classes (the shop API has no subscriptions here: clients poll). */
export const contractResolvers = Object.entries(probe)
  .filter(([type]) => type !== 'Subscription')
  .map(([type, fields]) => resolverClass(type, Object.keys(fields)));
