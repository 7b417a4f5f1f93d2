import { describe, expect, it } from 'vitest';
import { makeSchema } from './make-schema.ts';
import { createOperationRunner } from './run-operation.ts';
import { fakeServices } from './testing/doubles.ts';
import { checkoutTokenSecret, codes, harness, merchantApiKey } from './testing/harness.ts';

describe('query limits', () => {
  it('rejects a query deeper than the limit with QUERY_TOO_COMPLEX', async () => {
    const run = createOperationRunner(makeSchema(fakeServices(), { merchantApiKey, checkoutTokenSecret }), {
      maxDepth: 2,
    });
    const r = await run({ query: '{ products { price { amount } } }' });
    expect(codes(r)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(r.data).toBeUndefined();
  });

  it('counts depth through fragments', async () => {
    const run = createOperationRunner(makeSchema(fakeServices(), { merchantApiKey, checkoutTokenSecret }), {
      maxDepth: 2,
    });
    const r = await run({ query: '{ products { ...P } } fragment P on Product { price { amount } }' });
    expect(codes(r)).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it('rejects a query whose cost, with lists multiplied, exceeds the limit', async () => {
    const run = createOperationRunner(makeSchema(fakeServices(), { merchantApiKey, checkoutTokenSecret }), {
      maxCost: 50,
    });
    const aliases = Array.from({ length: 6 }, (_, i) => `p${i}: products { id }`).join(' ');
    expect(codes(await run({ query: `{ ${aliases} }` }))).toEqual(['QUERY_TOO_COMPLEX']);
    expect(codes(await run({ query: '{ products { id name } }' }))).toEqual([]);
  });

  it('accepts the operations the storefront sends under the default limits', async () => {
    const h = harness();
    const r = await h.run('{ products { id name description vatRate price { amount currency formatted } } }');
    expect(r.errors).toBeUndefined();
  });
});
