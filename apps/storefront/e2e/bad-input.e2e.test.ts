// The bad-input corpus through the running demo (issue 14): GraphQL as a shopper sends it (the real
// checkout service over SQLite), the sandbox's POS API as a raw HTTP client sends it, and the API clients
// the service uses. Each case: a typed error naming the field, nothing stored, the server still up.
// (The GraphQL contract's own corpus, 292 cases over both transports, is packages/graphql's.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteCheckoutStore } from '@tillkit/checkout/sqlite';
import { isTillKitError } from '@tillkit/models';
import { createPosClient, createWalletClient } from '@tillkit/paysera';
import type { Sandbox } from '@tillkit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Demo, startDemo } from '../server/start-demo.ts';
import { gql, START } from './processes.ts';

let demo: Demo;
let sandbox: Sandbox;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tillkit-bad-input-'));
  demo = await startDemo({ dataDir, port: 0 });
  if (!demo.sandbox) throw new Error('the demo started no sandbox');
  sandbox = demo.sandbox;
});
afterAll(async () => {
  await demo.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const line = (over: Record<string, unknown>) => ({ productId: 'enamel-mug', quantity: 1, ...over });
const graphqlCases: Array<[string, unknown, string]> = [
  ['a quantity of "2"', { lines: [line({ quantity: '2' })] }, 'input.lines.0.quantity'],
  ['a quantity of 2.5', { lines: [line({ quantity: 2.5 })] }, 'input.lines.0.quantity'],
  ['a quantity of 2^31', { lines: [line({ quantity: 2 ** 31 })] }, 'input.lines.0.quantity'],
  ['a null quantity', { lines: [line({ quantity: null })] }, 'input.lines.0.quantity'],
  ['a zero quantity', { lines: [line({ quantity: 0 })] }, 'input.lines.0.quantity'],
  ['a quantity of 100', { lines: [line({ quantity: 100 })] }, 'input.lines.0.quantity'],
  ['a client price on the line', { lines: [line({ unitPrice: 1 })] }, 'input.lines.0.unitPrice'],
  ['a client total on the input', { lines: [line({})], total: 1 }, 'input.total'],
  ['an empty cart', { lines: [] }, 'input.lines'],
  ['no cart', {}, 'input.lines'],
  ['an unknown product', { lines: [line({ productId: 'tea' })] }, 'input.lines.0.productId'],
  ['a product id with a slash', { lines: [line({ productId: 'a/b' })] }, 'input.lines.0.productId'],
  [
    'an RTL override in the description',
    { lines: [line({})], description: 'Mug \u202Eeerf' },
    'input.description',
  ],
  [
    'a fake total in the description',
    { lines: [line({})], description: 'Total: 0.01 EUR' },
    'input.description',
  ],
  [
    'a description of 121 characters',
    { lines: [line({})], description: 'x'.repeat(121) },
    'input.description',
  ],
  ['a numeric description', { lines: [line({})], description: 5 }, 'input.description'],
];

async function liveCheckouts(): Promise<number> {
  const store = createSqliteCheckoutStore({ path: join(dataDir, 'checkout.sqlite') });
  const live = await store.list('checkouts', 'live');
  await store.close?.();
  return live.length;
}

describe('GraphQL through the demo (the real checkout service)', () => {
  it.each(graphqlCases)(
    'refuses %s as BAD_USER_INPUT naming the field, storing nothing',
    async (_w, input, field) => {
      const r = await gql(demo.url, START, { input });
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(await liveCheckouts()).toBe(0);
      expect(sandbox.control.count('POST /rest/v1/transaction')).toBe(0);
      expect((await gql(demo.url, '{ __typename }')).data).toEqual({ __typename: 'Query' });
    },
  );
});

// The API reference's position shape (what the POS client sends).
const position = { name: 'Mug', quantity: 1, price: '12.00', vatRate: 20 };
const order = (over: Record<string, unknown> = {}, pos: Record<string, unknown> = {}) => ({
  currency: 'EUR',
  orderPositions: [{ ...position, ...pos }],
  ...over,
});
const posCases: Array<[string, Record<string, unknown>, string]> = [
  ['a zero quantity', order({}, { quantity: 0 }), 'orderPositions.0.quantity'],
  ['a negative quantity', order({}, { quantity: -1 }), 'orderPositions.0.quantity'],
  ['a quantity in words', order({}, { quantity: 'one' }), 'orderPositions.0.quantity'],
  ['an empty name', order({}, { name: '' }), 'orderPositions.0.name'],
  ['a price in words', order({}, { price: 'twelve' }), 'orderPositions.0.price'],
  ['a price with a comma', order({}, { price: '12,00' }), 'orderPositions.0.price'],
  ['a VAT rate of 121', order({}, { vatRate: 121 }), 'orderPositions.0.vatRate'],
  ['a negative VAT rate', order({}, { vatRate: -1 }), 'orderPositions.0.vatRate'],
  ['a lower-case currency', order({ currency: 'eur' }), 'currency'],
  ['a currency that is not ISO 4217', order({ currency: 'XYZ' }), 'currency'],
  ['no positions', order({ orderPositions: [] }), 'orderPositions'],
  ['an order number over 64 characters', order({ number: 'x'.repeat(65) }), 'number'],
  ['a malformed e-mail', order({ customer: { email: 'not-an-email' } }), 'customer.email'],
  [
    'an amount with a suffix',
    order({ payments: [{ paymentMethod: 'card', amount: '12.00 EUR' }] }),
    'payments.0.amount',
  ],
  [
    'an empty payment method',
    order({ payments: [{ paymentMethod: '', amount: '12.00' }] }),
    'payments.0.paymentMethod',
  ],
];

describe('the sandbox POS API, sent raw', () => {
  const pos = () => ({ url: sandbox.urls.pos, token: sandbox.credentials.pos.token });
  const orders = async () => {
    const res = await fetch(`${pos().url}/orders`, { headers: { authorization: `Bearer ${pos().token}` } });
    expect(res.status).toBe(200);
    return ((await res.json()) as { itemsTotal: number }).itemsTotal;
  };

  it.each(posCases)('refuses %s with a 422 naming the field and stores no order', async (_w, body, field) => {
    const before = await orders();
    const res = await fetch(`${pos().url}/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${pos().token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(422);
    expect(Object.keys(((await res.json()) as { errors: Record<string, unknown> }).errors)).toContain(field);
    expect(await orders()).toBe(before);
  });
});

async function rejection(p: Promise<unknown>) {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!isTillKitError(e)) throw new Error(`expected a TillKitError, got ${String(e)}`);
  return e;
}

describe('the API clients refuse bad input before sending anything', () => {
  it.each(posCases)(
    'the POS client refuses %s as VALIDATION_FAILED naming the field',
    async (_w, body, field) => {
      const client = createPosClient({ baseUrl: sandbox.urls.pos, token: sandbox.credentials.pos.token });
      const sent = sandbox.control.count('POST /eapi/v1/orders');
      const e = await rejection(client.createOrder(body as never));
      expect(e.code).toBe('VALIDATION_FAILED');
      expect(e.issues.map((i) => i.path)).toContain(field);
      expect(sandbox.control.count('POST /eapi/v1/orders')).toBe(sent);
    },
  );

  const payment = { description: 'Mug', price: 1200, currency: 'EUR' };
  const walletCases: Array<[string, Record<string, unknown>, string]> = [
    ['a negative price', { ...payment, price: -1 }, 'payments.0.price'],
    ['a zero price', { ...payment, price: 0 }, 'payments.0.price'],
    ['a fractional price', { ...payment, price: 12.5 }, 'payments.0.price'],
    ['a price as a string', { ...payment, price: '1200' }, 'payments.0.price'],
    ['an unsafe price', { ...payment, price: 2 ** 53 }, 'payments.0.price'],
    ['both price and price_decimal', { ...payment, price_decimal: '12.00' }, 'payments.0.price'],
    ['no currency', { description: 'Mug', price: 1200 }, 'payments.0.currency'],
    ['a lower-case currency', { ...payment, currency: 'eur' }, 'payments.0.currency'],
    ['an empty description', { ...payment, description: '' }, 'payments.0.description'],
    [
      'a description over 255 characters',
      { ...payment, description: 'x'.repeat(256) },
      'payments.0.description',
    ],
    ['an unknown field', { ...payment, total: 1 }, 'payments.0'],
  ];
  it.each(walletCases)(
    'the Wallet client refuses %s as VALIDATION_FAILED naming the field',
    async (_w, p, field) => {
      const { wallet: w } = sandbox.credentials;
      const client = createWalletClient({
        credentials: { macId: w.macId, macKey: w.macKey },
        baseUrl: sandbox.urls.wallet,
        retry: { limit: 0 },
      });
      const e = await rejection(client.createTransaction({ payments: [p] } as never));
      expect(e.code).toBe('VALIDATION_FAILED');
      expect(e.issues.map((i) => i.path)).toContain(field);
      expect(sandbox.control.count('POST /rest/v1/transaction')).toBe(0);
    },
  );
});
