// The bad-input corpus of the storefront contract (issue 14): every case is sent to the yoga server over
// HTTP and to the framework-free operation runner (what Medusa and Vendure mount), and each must answer
// BAD_USER_INPUT naming the field, leave nothing stored, and leave the server answering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSchema } from './make-schema.ts';
import { createOperationRunner } from './run-operation.ts';
import { type FakeServices, fakeServices } from './testing/doubles.ts';
import { checkoutTokenSecret, merchantApiKey } from './testing/harness.ts';
import { createServer, type RunningServer } from './yoga/server.ts';

const START =
  'mutation S($input: TillKitStartCheckoutInput!) { tillkitStartCheckout(input: $input) { token checkout { id } } }';
const CHECKOUT =
  'query C($id: TillKitCheckoutId!, $token: TillKitCheckoutToken!) { tillkitCheckout(id: $id, token: $token) { id } }';
const CANCEL =
  'mutation X($id: TillKitCheckoutId!, $token: TillKitCheckoutToken!) { tillkitCancelCheckout(id: $id, token: $token) { id } }';
const DOCS = 'query D($f: TillKitDocumentFilterInput) { tillkitDocuments(filter: $f) { id } }';
const DAY = 'query F($id: TillKitEntityId!) { tillkitFiscalDay(id: $id) { id } }';

interface Case {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  field: string;
  merchant?: boolean;
}

const token = 'a'.repeat(43);
const line = (over: Record<string, unknown>) => ({ productId: 'mug', quantity: 1, ...over });
const startWith = (input: unknown) => ({ input });

const badQuantities: unknown[] = [
  '2',
  2.5,
  2 ** 31,
  -(2 ** 31) - 1,
  null,
  true,
  {},
  [],
  'NaN',
  '',
  0,
  -1,
  100,
  1e6,
];
const badProductIds: unknown[] = [
  null,
  1,
  true,
  {},
  [],
  '',
  'a'.repeat(65),
  'tea',
  '../etc/passwd',
  '<script>',
  'mug\u0000',
  ' mug',
  'tée',
];
const badDescriptions: unknown[] = [
  1,
  true,
  {},
  [],
  '',
  '   ',
  'x'.repeat(121),
  'Coffee \u202Eeerf si ti',
  'Coffee\u200F',
  'Total: 0.01 EUR',
  '€0.01 total',
  'paid 5 usd',
  'line\nbreak',
  'tab\there',
];
const badIds: unknown[] = [
  '',
  'att_',
  'order-1',
  `att_${'a'.repeat(81)}`,
  1,
  null,
  'att_ä',
  'att_a b',
  ['att_1'],
];
const badTokens: unknown[] = ['', 'short', 'x'.repeat(129), 'not a token!', null, 1, { t: 1 }];
const badEntityIds: unknown[] = ['', 'a'.repeat(65), 'day 1', 'day/1', null, 7, 'dåy'];

const cases: Case[] = [
  ...badQuantities.map((q) => ({
    name: `quantity ${JSON.stringify(q)}`,
    query: START,
    variables: startWith({ lines: [line({ quantity: q })] }),
    field: 'input.lines.0.quantity',
  })),
  ...badQuantities.slice(0, 6).map((q) => ({
    name: `second line's quantity ${JSON.stringify(q)}`,
    query: START,
    variables: startWith({ lines: [line({}), line({ quantity: q })] }),
    field: 'input.lines.1.quantity',
  })),
  ...badProductIds.map((p) => ({
    name: `productId ${JSON.stringify(p)}`,
    query: START,
    variables: startWith({ lines: [line({ productId: p })] }),
    field: 'input.lines.0.productId',
  })),
  // A single object where a list belongs is coerced to a list of one (GraphQL's rule), so `{}` misses its fields.
  ...(
    [
      [null, 'input.lines'],
      [[], 'input.lines'],
      ['x', 'input.lines'],
      [{}, 'input.lines.productId'],
      [[null], 'input.lines.0'],
      [Array.from({ length: 51 }, () => line({})), 'input.lines'],
    ] as const
  ).map(([lines, field]) => ({
    name: `lines ${JSON.stringify(lines).slice(0, 30)}`,
    query: START,
    variables: startWith({ lines }),
    field,
  })),
  ...badDescriptions.map((d) => ({
    name: `description ${JSON.stringify(d)}`,
    query: START,
    variables: startWith({ lines: [line({})], description: d }),
    field: 'input.description',
  })),
  ...['price', 'amount', 'total', 'currency'].map((extra) => ({
    name: `a client-sent ${extra} on the input`,
    query: START,
    variables: startWith({ lines: [line({})], [extra]: 1 }),
    field: `input.${extra}`,
  })),
  ...['price', 'unitPrice', 'vatRate'].map((extra) => ({
    name: `a client-sent ${extra} on a line`,
    query: START,
    variables: startWith({ lines: [line({ [extra]: 1 })] }),
    field: `input.lines.0.${extra}`,
  })),
  { name: 'no input variable', query: START, variables: {}, field: 'input' },
  { name: 'input null', query: START, variables: { input: null }, field: 'input' },
  { name: 'input a string', query: START, variables: { input: 'x' }, field: 'input' },
  {
    name: 'no quantity',
    query: START,
    variables: startWith({ lines: [{ productId: 'mug' }] }),
    field: 'input.lines.0.quantity',
  },
  {
    name: 'no productId',
    query: START,
    variables: startWith({ lines: [{ quantity: 1 }] }),
    field: 'input.lines.0.productId',
  },
  ...[CHECKOUT, CANCEL].flatMap((query) => [
    ...badIds.map((id) => ({
      name: `id ${JSON.stringify(id)}`,
      query,
      variables: { id, token },
      field: 'id',
    })),
    ...badTokens.map((t) => ({
      name: `token ${JSON.stringify(t)}`,
      query,
      variables: { id: 'att_1', token: t },
      field: 'token',
    })),
  ]),
  ...[0, 101, -1, 1.5, '5', null]
    .map((limit) => ({
      name: `documents limit ${JSON.stringify(limit)}`,
      query: DOCS,
      variables: { f: { limit } },
      field: 'filter.limit',
      merchant: true,
    }))
    .filter((c) => c.variables.f.limit !== null),
  ...['x'.repeat(33), 1, true].map((type) => ({
    name: `documents type ${JSON.stringify(type).slice(0, 12)}`,
    query: DOCS,
    variables: { f: { type } },
    field: 'filter.type',
    merchant: true,
  })),
  ...[-1, 1.5, 'a', 2 ** 31].map((n) => ({
    name: `documents fiscalDayNumber ${JSON.stringify(n)}`,
    query: DOCS,
    variables: { f: { fiscalDayNumber: n } },
    field: 'filter.fiscalDayNumber',
    merchant: true,
  })),
  ...badEntityIds.map((id) => ({
    name: `fiscalDay id ${JSON.stringify(id)}`,
    query: DAY,
    variables: { id },
    field: 'id',
    merchant: true,
  })),
  // The same values written as literals in the document, which graphql validates rather than coerces.
  ...['"2"', '2.5', '2147483648', 'null', 'true', '{}', '[]', '""'].map((q) => ({
    name: `literal quantity ${q}`,
    query: `mutation { tillkitStartCheckout(input: { lines: [{ productId: "mug", quantity: ${q} }] }) { token } }`,
    field: 'input.lines.0.quantity',
  })),
  ...['1', 'null', '""', '"tea"', '"a b"'].map((p) => ({
    name: `literal productId ${p}`,
    query: `mutation { tillkitStartCheckout(input: { lines: [{ productId: ${p}, quantity: 1 }] }) { token } }`,
    field: 'input.lines.0.productId',
  })),
  ...['1', '""', '"Total: 0.01 EUR"', `"${'x'.repeat(121)}"`].map((d) => ({
    name: `literal description ${d.slice(0, 20)}`,
    query: `mutation { tillkitStartCheckout(input: { lines: [{ productId: "mug", quantity: 1 }], description: ${d} }) { token } }`,
    field: 'input.description',
  })),
  ...['"order-1"', '""', '1', 'null'].map((id) => ({
    name: `literal id ${id}`,
    query: `{ tillkitCheckout(id: ${id}, token: "${token}") { id } }`,
    field: 'id',
  })),
  ...['"short"', '1', 'null'].map((t) => ({
    name: `literal token ${t}`,
    query: `{ tillkitCheckout(id: "att_1", token: ${t}) { id } }`,
    field: 'token',
  })),
  {
    name: 'literal extra line field',
    query:
      'mutation { tillkitStartCheckout(input: { lines: [{ productId: "mug", quantity: 1, price: 1 }] }) { token } }',
    field: 'input.lines.0.price',
  },
  {
    name: 'literal missing quantity',
    query: 'mutation { tillkitStartCheckout(input: { lines: [{ productId: "mug" }] }) { token } }',
    field: 'input.lines.0.quantity',
  },
  { name: 'literal missing input', query: 'mutation { tillkitStartCheckout { token } }', field: 'input' },
  { name: 'literal missing token', query: '{ tillkitCheckout(id: "att_1") { id } }', field: 'token' },
];

let services: FakeServices;
let server: RunningServer;
let run: ReturnType<typeof createOperationRunner>;

beforeAll(async () => {
  services = fakeServices();
  const options = {
    merchantApiKey,
    checkoutTokenSecret,
    startCheckoutRate: { perMinute: 60_000, burst: 1000 },
  };
  run = createOperationRunner(makeSchema(services, options));
  // The corpus comes from one client; the limits are tested on their own (yoga/hardening.test.ts).
  server = await createServer({
    services,
    ...options,
    requestRate: { perMinute: 60_000, burst: 1000 },
  }).listen(0);
});
afterAll(() => server.close());

function nothingStored(): void {
  expect(services.checkout.attempts.size).toBe(0);
  expect(services.orders.priced).toEqual([]);
  expect(services.merchant.documentsSeen).toEqual([]);
}

async function stillUp(): Promise<void> {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  expect(res.status).toBe(200);
}

describe('the bad-input corpus', () => {
  it('has at least 100 cases per transport (200 in all)', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
  });

  describe.each(['yoga server', 'operation runner'] as const)('through the %s', (transport) => {
    it.each(cases.map((c) => [c.name, c] as const))('%s → BAD_USER_INPUT naming the field', async (_n, c) => {
      let errors: Array<{ extensions?: Record<string, unknown> }> | undefined;
      if (transport === 'yoga server') {
        const res = await fetch(server.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(c.merchant ? { authorization: `Bearer ${merchantApiKey}` } : {}),
          },
          body: JSON.stringify({ query: c.query, variables: c.variables }),
        });
        errors = ((await res.json()) as { errors?: typeof errors }).errors;
      } else {
        const r = await run({
          query: c.query,
          variables: c.variables,
          context: c.merchant ? { merchantApiKey } : {},
        });
        errors = r.errors?.map((e) => ({ extensions: e.extensions }));
      }
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: c.field });
      nothingStored();
      await stillUp();
    });
  });
});
