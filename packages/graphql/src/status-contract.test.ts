import { CheckoutStatus as EngineCheckoutStatus } from '@tillkit/paysera';
import { buildSchema, type GraphQLEnumType } from 'graphql/index.js';
import { describe, expect, it } from 'vitest';
import { typeDefs } from './schema.ts';
import { CheckoutStatus, paidStatuses, terminalStatuses } from './services.ts';

describe('the CheckoutStatus contract', () => {
  it('lists in the hand-written SDL exactly the statuses the contract reports, in order', () => {
    const sdlEnum = buildSchema(typeDefs).getType('CheckoutStatus') as GraphQLEnumType;
    expect(sdlEnum.getValues().map((v) => v.name)).toEqual(CheckoutStatus.map((s) => s.toUpperCase()));
  });

  it('adds to the engine only a status the engine does not have, so no enum value is listed twice', () => {
    // Fails the day the engine gains its own `cancelled`: the contract must then stop appending it.
    expect(EngineCheckoutStatus).not.toContain('cancelled');
    expect(new Set(CheckoutStatus).size).toBe(CheckoutStatus.length);
  });

  it('classifies only known statuses, and never counts a terminal failure as paid', () => {
    const known = new Set<string>(CheckoutStatus);
    for (const s of [...terminalStatuses, ...paidStatuses]) expect(known).toContain(s);
    for (const s of ['expired', 'rejected', 'failed', 'cancelled'] as const) {
      expect(terminalStatuses.has(s)).toBe(true);
      expect(paidStatuses.has(s)).toBe(false);
    }
  });
});
