import { describe, expect, it } from 'vitest';
import { makeSchema } from './make-schema.ts';
import { createOperationRunner } from './run-operation.ts';
import { fakeServices } from './testing/doubles.ts';
import {
  CHECKOUT,
  checkoutTokenSecret,
  codes,
  harness,
  merchantApiKey,
  startOne,
} from './testing/harness.ts';

describe('query limits', () => {
  it('rejects a query deeper than the limit with QUERY_TOO_COMPLEX', async () => {
    const run = createOperationRunner(makeSchema(fakeServices(), { merchantApiKey, checkoutTokenSecret }), {
      maxDepth: 2,
    });
    const r = await run({ query: '{ tillkitDocuments { total { amount } } }' });
    expect(codes(r)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(r.data).toBeUndefined();
  });

  it('counts depth through fragments', async () => {
    const run = createOperationRunner(makeSchema(fakeServices(), { merchantApiKey, checkoutTokenSecret }), {
      maxDepth: 2,
    });
    const r = await run({
      query: '{ tillkitDocuments { ...D } } fragment D on TillKitFinancialDocument { total { amount } }',
    });
    expect(codes(r)).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it('rejects a query whose cost, with lists multiplied, exceeds the limit', async () => {
    const run = createOperationRunner(makeSchema(fakeServices(), { merchantApiKey, checkoutTokenSecret }), {
      maxCost: 50,
    });
    const aliases = Array.from({ length: 6 }, (_, i) => `p${i}: tillkitDocuments { id }`).join(' ');
    expect(codes(await run({ query: `{ ${aliases} }` }))).toEqual(['QUERY_TOO_COMPLEX']);
    // Under the limit it is validated and runs (and the merchant check answers, not the limit).
    expect(codes(await run({ query: '{ tillkitDocuments { id number } }' }))).toEqual(['UNAUTHENTICATED']);
  });

  it('accepts the operations the storefront sends under the default limits', async () => {
    const h = harness();
    const c = await startOne(h);
    const r = await h.run(CHECKOUT, c);
    expect(r.errors).toBeUndefined();
  });
});
