// Throughput of the checkout-status poll (the query every waiting shopper sends each second) through
// @tillkit/graphql's yoga server, against a bare graphql-yoga server whose resolver returns the same
// JSON. Both run in this process through yoga.fetch (no sockets), interleaved, so the ratio is the
// cost of the contract: scalar validation, token check, depth/cost rule, error guard.
import { compareThroughput } from '@tillkit/bench';
import { createSchema, createYoga } from 'graphql-yoga';
import { checkoutTokenFor } from '../src/secrets.ts';
import { fakeServices } from '../src/testing/doubles.ts';
import { createServer } from '../src/yoga/server.ts';

const merchantApiKey = 'bench-merchant-key-0123456789';
const checkoutTokenSecret = 'bench-secret-0123456789-0123456789-abcdef';
const query =
  'query C($id: TillKitCheckoutId!, $token: TillKitCheckoutToken!) { tillkitCheckout(id: $id, token: $token) { id status paid terminal pollAfterMs amount { amount currency formatted } } }';
const bareQuery = query.replace(
  '$id: TillKitCheckoutId!, $token: TillKitCheckoutToken!',
  '$id: String!, $token: String!',
);

const services = fakeServices();
const priced = await services.orders.price({ lines: [{ productId: 'coffee', quantity: 2 }] });
const view = await services.checkout.start({ ...priced, description: 'bench' });
const token = checkoutTokenFor(view.id, checkoutTokenSecret);
// One in-process client sends every poll: the per-client rate limit would measure itself, so it is lifted.
const tillkit = createServer({
  services,
  merchantApiKey,
  checkoutTokenSecret,
  requestRate: { perMinute: 1e9, burst: 1e9 },
}).yoga;

const answer = {
  id: view.id,
  status: 'AWAITING_SCAN',
  paid: false,
  terminal: false,
  pollAfterMs: 1000,
  amount: { ...view.amount, formatted: '37.98' },
};
const bare = createYoga({
  logging: false,
  schema: createSchema({
    typeDefs: `type Money { amount: Int! currency: String! formatted: String! }
      type Checkout { id: String! status: String! paid: Boolean! terminal: Boolean! pollAfterMs: Int! amount: Money! }
      type Query { tillkitCheckout(id: String!, token: String!): Checkout! }`,
    resolvers: { Query: { tillkitCheckout: () => answer } },
  }),
});

function poll(
  yoga: { fetch: (url: string, init: RequestInit) => Response | Promise<Response> },
  text: string,
) {
  return async () => {
    const res = await yoga.fetch('http://bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: text, variables: { id: view.id, token } }),
    });
    const body = (await res.json()) as { data?: { tillkitCheckout?: { status?: string } } };
    if (body.data?.tillkitCheckout?.status !== 'AWAITING_SCAN')
      throw new Error(`unexpected answer ${JSON.stringify(body)}`);
  };
}

const results = await compareThroughput({
  title: 'checkout status poll: @tillkit/graphql vs bare graphql-yoga',
  baseline: { name: 'bare graphql-yoga resolver', fn: poll(bare, bareQuery) },
  candidates: [{ name: '@tillkit/graphql createServer', fn: poll(tillkit, query) }],
  concurrency: 8,
});
const ratio = results[1]?.ratio ?? Number.NaN;
console.log(`\nratio ${ratio.toFixed(3)} (goal >= 0.9): ${ratio >= 0.9 ? 'met' : 'NOT met'}`);
