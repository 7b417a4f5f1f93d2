import { describe, expect, it } from 'vitest';
import { makeSchema } from './make-schema.ts';
import { createOperationRunner } from './run-operation.ts';
import { checkoutTokenFor } from './secrets.ts';
import { fakeServices } from './testing/doubles.ts';
import { CHECKOUT, codes, harness, merchantApiKey, START, startOne } from './testing/harness.ts';

describe('isolation between shoppers', () => {
  it("refuses one shopper's token for another shopper's checkout, revealing nothing of it", async () => {
    const h = harness();
    const alice = await startOne(h);
    const bob = await startOne(h);
    const r = await h.run(CHECKOUT, { id: alice.id, token: bob.token });
    expect(codes(r)).toEqual(['NOT_FOUND']);
    expect(r.data).toBeNull();
    expect(JSON.stringify(r)).not.toContain(alice.orderRef);
  });

  it("refuses to cancel with another checkout's token and leaves the checkout as it was", async () => {
    const h = harness();
    const alice = await startOne(h);
    const bob = await startOne(h);
    const r = await h.run(
      'mutation C($id: TillKitCheckoutId!, $token: TillKitCheckoutToken!) { tillkitCancelCheckout(id: $id, token: $token) { status } }',
      { id: alice.id, token: bob.token },
    );
    expect(codes(r)).toEqual(['NOT_FOUND']);
    expect(h.services.checkout.attempts.get(alice.id)?.status).toBe('awaiting_scan');
  });

  it("refuses another shopper's receipt", async () => {
    const h = harness();
    const alice = await startOne(h);
    const bob = await startOne(h);
    h.services.checkout.set(alice.id, 'confirmed');
    h.services.checkout.sign(alice.id, 'R-A');
    const r = await h.run(
      'query R($id: TillKitCheckoutId!, $token: TillKitCheckoutToken!) { tillkitReceipt(checkoutId: $id, token: $token) { receiptId } }',
      { id: alice.id, token: bob.token },
    );
    expect(codes(r)).toEqual(['NOT_FOUND']);
    expect(JSON.stringify(r)).not.toContain('R-A');
  });

  it("still refuses a shopper's token for another checkout after it was used for its own", async () => {
    const h = harness();
    const alice = await startOne(h);
    const bob = await startOne(h);
    expect(codes(await h.run(CHECKOUT, { id: bob.id, token: bob.token }))).toEqual([]);
    expect(codes(await h.run(CHECKOUT, { id: alice.id, token: bob.token }))).toEqual(['NOT_FOUND']);
    expect(codes(await h.run(CHECKOUT, { id: alice.id, token: alice.token }))).toEqual([]);
  });

  it("keys tokens with the checkout service's stored secret when none is configured", async () => {
    const services = fakeServices();
    const run = createOperationRunner(makeSchema(services, { merchantApiKey }));
    const r = await run({
      query: START,
      variables: { input: { lines: [{ productId: 'mug', quantity: 1 }] } },
    });
    const p = (r.data as { tillkitStartCheckout: { token: string; checkout: { id: string } } })
      .tillkitStartCheckout;
    expect(p.token).toBe(checkoutTokenFor(p.checkout.id, services.checkout.secretValue));
    expect(codes(await run({ query: CHECKOUT, variables: { id: p.checkout.id, token: p.token } }))).toEqual(
      [],
    );
  });

  it('refuses a token made with another secret', async () => {
    const h = harness();
    const c = await startOne(h);
    const forged = checkoutTokenFor(c.id, 'another-secret-of-at-least-thirty-two-chars');
    expect(codes(await h.run(CHECKOUT, { id: c.id, token: forged }))).toEqual(['NOT_FOUND']);
  });

  it('is NOT_FOUND for a checkout id that does not exist', async () => {
    const h = harness();
    const c = await startOne(h);
    expect(codes(await h.run(CHECKOUT, { id: 'att_nope', token: c.token }))).toEqual(['NOT_FOUND']);
  });
});

describe('merchant queries', () => {
  const DOCS =
    'query D($f: TillKitDocumentFilterInput) { tillkitDocuments(filter: $f) { id type number total { amount currency } } }';
  const DAY =
    'query F($id: TillKitEntityId!) { tillkitFiscalDay(id: $id) { id number status totalSales { amount } receiptCount } }';

  it('lists documents with the merchant API key, passing the filter on', async () => {
    const h = harness();
    const r = await h.run(DOCS, { f: { type: 'return', limit: 5 } }, merchantApiKey);
    expect(r.data?.['tillkitDocuments']).toEqual([
      { id: 'doc-2', type: 'return', number: 'X-1', total: { amount: 950, currency: 'EUR' } },
    ]);
    expect(h.services.merchant.documentsSeen).toEqual([
      { type: 'return', fiscalDayNumber: undefined, limit: 5 },
    ]);
  });

  it('returns a fiscal day with the merchant API key', async () => {
    const h = harness();
    const r = await h.run(DAY, { id: 'day-1' }, merchantApiKey);
    expect(r.data?.['tillkitFiscalDay']).toEqual({
      id: 'day-1',
      number: 1,
      status: 'open',
      totalSales: { amount: 10_000 },
      receiptCount: 4,
    });
  });

  it('is UNAUTHENTICATED without a key, with a wrong key, and with a checkout token', async () => {
    const h = harness();
    const c = await startOne(h);
    for (const key of [undefined, 'mk_test_0123456789abcdeX', '', c.token]) {
      const r = await h.run(DAY, { id: 'day-1' }, key);
      expect(codes(r)).toEqual(['UNAUTHENTICATED']);
      expect(r.data).toBeNull();
    }
    expect(h.services.merchant.documentsSeen).toEqual([]);
  });

  it('is NOT_FOUND for an unknown fiscal day', async () => {
    const h = harness();
    expect(codes(await h.run(DAY, { id: 'day-9' }, merchantApiKey))).toEqual(['NOT_FOUND']);
  });

  it('is BAD_USER_INPUT naming the field for a limit over 100', async () => {
    const h = harness();
    const r = await h.run(DOCS, { f: { limit: 101 } }, merchantApiKey);
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors?.[0]?.extensions['field']).toBe('filter.limit');
  });
});
