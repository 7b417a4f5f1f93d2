import { buildSchema, type GraphQLEnumType } from 'graphql/index.js';
import { describe, expect, it } from 'vitest';
import { typeDefs } from './schema.ts';
import { CheckoutStatus } from './services.ts';

describe('the CheckoutStatus contract', () => {
  it('lists in the SDL exactly the statuses the engine reports, plus CANCELLED', () => {
    const sdlEnum = buildSchema(typeDefs).getType('CheckoutStatus') as GraphQLEnumType;
    expect(sdlEnum.getValues().map((v) => v.name)).toEqual(CheckoutStatus.map((s) => s.toUpperCase()));
    expect(CheckoutStatus).toContain('cancelled');
  });
});
