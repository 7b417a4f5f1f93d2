import { AttemptStatus, type ReceiptStatus } from '@tillkit/checkout';
import { buildSchema, type GraphQLEnumType } from 'graphql/index.js';
import { describe, expect, it } from 'vitest';
import { typeDefs } from './schema.ts';
import { CHECKOUT, harness, startOne } from './testing/harness.ts';

// What a shopper is told for each status, written out here rather than derived from the code under test,
// so a changed mapping, or a status @tillkit/checkout adds without a decision here, fails.
const contract: Record<string, { paid: boolean; terminal: boolean; pollAfterMs: number }> = {
  awaiting_scan: { paid: false, terminal: false, pollAfterMs: 1000 },
  order_attached: { paid: false, terminal: false, pollAfterMs: 1000 },
  reserved: { paid: false, terminal: false, pollAfterMs: 1000 },
  confirmed: { paid: true, terminal: true, pollAfterMs: 1000 },
  cancelled: { paid: false, terminal: true, pollAfterMs: 0 },
  expired: { paid: false, terminal: true, pollAfterMs: 0 },
  rejected: { paid: false, terminal: true, pollAfterMs: 0 },
  failed: { paid: false, terminal: true, pollAfterMs: 0 },
};

// A paid checkout is settled (no more polling) once its receipt is signed or failed for good.
const receiptPolling: Record<ReceiptStatus, number> = { none: 1000, pending: 1000, signed: 0, failed: 0 };

const sdlValues = (name: string) =>
  (buildSchema(typeDefs).getType(name) as GraphQLEnumType)
    .getValues()
    .map((v) => v.name)
    .sort();

describe('the checkout status contract', () => {
  it('has a decision for every status @tillkit/checkout reports, and the SDL enum lists exactly those', () => {
    expect([...AttemptStatus].sort()).toEqual(Object.keys(contract).sort());
    expect(sdlValues('TillKitCheckoutStatus')).toEqual(AttemptStatus.map((s) => s.toUpperCase()).sort());
    expect(sdlValues('TillKitReceiptStatus')).toEqual(
      Object.keys(receiptPolling)
        .map((s) => s.toUpperCase())
        .sort(),
    );
  });

  it.each(Object.entries(contract))('reports %s through a real query as %o', async (status, expected) => {
    const h = harness();
    const c = await startOne(h);
    h.services.checkout.set(c.id, status as AttemptStatus, status === 'confirmed' ? 'pending' : 'none');
    const r = await h.run(CHECKOUT, c);
    expect(r.errors).toBeUndefined();
    expect(r.data?.['tillkitCheckout']).toMatchObject({ status: status.toUpperCase(), ...expected });
  });

  it.each(Object.entries(receiptPolling))(
    'asks a paid checkout with receipt %s to poll after %i ms',
    async (receipt, wait) => {
      const h = harness();
      const c = await startOne(h);
      h.services.checkout.set(c.id, 'confirmed', receipt as ReceiptStatus);
      if (receipt === 'signed') h.services.checkout.sign(c.id, 'R-1');
      const r = await h.run(CHECKOUT, c);
      expect(r.data?.['tillkitCheckout']).toMatchObject({
        pollAfterMs: wait,
        receiptStatus: receipt.toUpperCase(),
      });
    },
  );
});
