import { CheckoutStatus as EngineStatus } from '@tillkit/paysera';
import { buildSchema, type GraphQLEnumType } from 'graphql/index.js';
import { describe, expect, it } from 'vitest';
import { typeDefs } from './schema.ts';
import { CHECKOUT, harness, startOne } from './testing/harness.ts';

// What a shopper is told for each status, written out here rather than derived from the code under test,
// so a changed mapping or a status the engine adds without a decision here fails.
const contract: Record<string, { paid: boolean; terminal: boolean }> = {
  awaiting_scan: { paid: false, terminal: false },
  order_attached: { paid: false, terminal: false },
  reserved: { paid: false, terminal: false },
  confirmed: { paid: true, terminal: false },
  spot_closed: { paid: true, terminal: true },
  expired: { paid: false, terminal: true },
  rejected: { paid: false, terminal: true },
  failed: { paid: false, terminal: true },
  cancelled: { paid: false, terminal: true },
};

describe('the CheckoutStatus contract', () => {
  it('has a decision for every status the engine reports, and the SDL enum lists exactly those', () => {
    const decided = Object.keys(contract);
    expect([...EngineStatus, 'cancelled'].sort()).toEqual([...decided].sort());
    const sdlEnum = buildSchema(typeDefs).getType('CheckoutStatus') as GraphQLEnumType;
    expect(
      sdlEnum
        .getValues()
        .map((v) => v.name)
        .sort(),
    ).toEqual(decided.map((s) => s.toUpperCase()).sort());
  });

  it.each(Object.entries(contract))('reports %s through a real query as %o', async (status, expected) => {
    const h = harness();
    const c = await startOne(h);
    h.services.checkouts.set(c.id, status as never);
    const r = await h.run(CHECKOUT, c);
    expect(r.errors).toBeUndefined();
    expect(r.data?.['checkout']).toMatchObject({ status: status.toUpperCase(), ...expected });
  });
});
