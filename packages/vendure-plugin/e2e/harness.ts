// A real Vendure server (sql.js, or PostgreSQL with TK_VENDURE_DB=postgres) with the plugin, against the
// TillKit sandbox; the customer scans and pays with the sandbox's wallet simulator.
import path from 'node:path';
import { type Sandbox, startSandbox } from '@tillkit/sandbox';
import { mergeConfig } from '@vendure/core';
import {
  createTestEnvironment,
  PostgresInitializer,
  registerInitializer,
  type SimpleGraphQLClient,
  SqljsInitializer,
  testConfig,
} from '@vendure/testing';
import type { DocumentNode } from 'graphql';
import { TillKitPlugin } from '../src/index.ts';
import { initialData } from './fixtures/initial-data.ts';
import * as q from './graphql.ts';
import { checkoutOptions, dbPrefix, pg, postgres, queuePlugin } from './harness-config.ts';

export { dbPrefix, postgres };

const pgInit = new PostgresInitializer();
// The initializer names its database after the calling file; ours are tk_vendure_* (or the prefix's).
Object.assign(pgInit, {
  getDbNameFromFilename: (f: string) => `${dbPrefix}_${path.basename(f, '.ts').replace(/\W/g, '_')}`,
});
registerInitializer('postgres', pgInit);
registerInitializer('sqljs', new SqljsInitializer(path.join(import.meta.dirname, '__data__')));

export interface Shop {
  sandbox: Sandbox;
  admin: SimpleGraphQLClient;
  shop: SimpleGraphQLClient;
  close(): Promise<void>;
}

export interface ShopOptions {
  /** The checkout service's clock (the sandbox keeps real time): lets a test move the service past an expiry. */
  clock?: () => number;
  /** @default true: `@vendure/testing` starts no worker, so the server drives the engine */
  engineInServer?: boolean;
  /** @default 'sql' */
  queue?: 'sql' | 'bullmq';
}

/** Boots Vendure on `port` with the plugin and a fresh sandbox. */
export async function bootShop(port: number, options: ShopOptions = {}): Promise<Shop> {
  const sandbox = await startSandbox({ port: 0 });
  const config = mergeConfig(testConfig, {
    apiOptions: { port },
    dbConnectionOptions: postgres ? { ...pg, synchronize: true } : { synchronize: true },
    plugins: [
      queuePlugin(options.queue ?? 'sql'),
      TillKitPlugin.init({
        checkout: { ...checkoutOptions(sandbox), ...(options.clock ? { clock: options.clock } : {}) },
        runEngineInServer: options.engineInServer ?? true,
      }),
    ],
  });
  const { server, adminClient, shopClient } = createTestEnvironment(config);
  await server.init({
    initialData,
    productsCsvPath: path.join(import.meta.dirname, 'fixtures/products.csv'),
    customerCount: 1,
  });
  await adminClient.asSuperAdmin();
  const channel = await adminClient.query<{ activeChannel: { id: string } }>(q.CHANNEL);
  await adminClient.query(q.SET_CURRENCIES, { id: channel.activeChannel.id });
  return {
    sandbox,
    admin: adminClient,
    shop: shopClient,
    close: async () => {
      await server.destroy();
      await sandbox.close();
    },
  };
}

/** Polls `read` until `done` holds (bounded by a deadline; the assertion is on the value, not the time). */
export async function waitFor<T>(
  read: () => Promise<T>,
  done: (v: T) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  let last: T | undefined;
  for (const until = Date.now() + timeoutMs; Date.now() < until; ) {
    last = await read();
    if (done(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
}

export async function gqlOk<T>(
  client: SimpleGraphQLClient,
  doc: DocumentNode,
  vars?: Record<string, unknown>,
  params?: Record<string, string>,
): Promise<T> {
  return client.query<T>(doc, vars, params);
}

export interface OrderView {
  id: string;
  code: string;
  state: string;
  totalWithTax: number;
  currencyCode: string;
  payments: Array<{
    id: string;
    state: string;
    amount: number;
    transactionId: string;
    refunds: Array<{ id: string; state: string; total: number; transactionId: string }>;
  }>;
  tillkitReceipts: Array<{
    kind: string;
    state: string;
    attemptId: string;
    refundId: string | null;
    receiptId: string | null;
    reference: string | null;
    total: number | null;
    currencyCode: string | null;
    printable: string | null;
    failure: string | null;
  }>;
}

/** A checkout as the contract's `tillkitCheckout` answers it. */
export interface Checkout {
  id: string;
  orderRef: string;
  status: string;
  paid: boolean;
  terminal: boolean;
  pollAfterMs: number;
  qrPayload: string;
  amount: { amount: number; currency: string; formatted: string };
  receiptStatus: string;
  receipt: {
    kind: string;
    receiptId: string;
    total: { amount: number; currency: string };
    printable: string;
  } | null;
  failure: { code: string } | null;
}
/** A started checkout and the token that proves it is the shopper's. */
export interface Attempt extends Checkout {
  token: string;
}

/** The contract's start: the active order is the cart, so no lines are sent. */
export async function startCheckout(t: Shop, params?: Record<string, string>): Promise<Attempt> {
  const { tillkitStartCheckout: s } = await t.shop.query(q.START, { input: {} }, params);
  return { ...s.checkout, token: s.token };
}

/** The shopper's poll of their checkout (id and token). */
export async function poll(t: Shop, a: Pick<Attempt, 'id' | 'token'>): Promise<Checkout> {
  return (await t.shop.query(q.CHECKOUT_STATUS, { id: a.id, token: a.token })).tillkitCheckout;
}

/** Polls the checkout, as a storefront does (after `pollAfterMs`), until `done` holds. */
export const pollUntil = (t: Shop, a: Attempt, done: (c: Checkout) => boolean, what: string) =>
  waitFor(() => poll(t, a), done, what);

/** The `extensions.code` of the first error the call answers with (fails when it succeeds). */
export async function errorCode(call: Promise<unknown>): Promise<string> {
  const e = await call.then(
    () => {
      throw new Error('expected a GraphQL error');
    },
    (error: { response?: { errors?: Array<{ extensions?: { code?: string } }> } }) => error,
  );
  return e.response?.errors?.[0]?.extensions?.code ?? 'NO_CODE';
}

/** A new shopper fills an order (two beans, one kettle), sets customer and shipping, and starts paying. */
export async function shopperStarts(
  t: Shop,
  currencyCode?: string,
): Promise<{ code: string; attempt: Attempt }> {
  const params = currencyCode ? { currencyCode } : undefined;
  await t.shop.asAnonymousUser();
  const added = await t.shop.query(q.ADD_ITEM, { id: 'T_1', qty: 2 }, params);
  await t.shop.query(q.ADD_ITEM, { id: 'T_2', qty: 1 }, params);
  await t.shop.query(q.SET_CUSTOMER, { email: `shopper-${Date.now()}@example.com` }, params);
  const { eligibleShippingMethods } = await t.shop.query(q.SHIPPING_METHODS, {}, params);
  await t.shop.query(q.SET_SHIPPING, { id: [eligibleShippingMethods[0].id] }, params);
  return { code: added.addItemToOrder.code, attempt: await startCheckout(t, params) };
}

/** The customer scans the QR and, once the order shows in the app, pays (or declines) it. */
export async function customer(t: Shop, qr: string, decision: 'accept' | 'reject' = 'accept'): Promise<void> {
  const wallet = t.sandbox.control.wallet;
  const spot = t.sandbox.credentials.wallet.spots.find((s) => s.code === qr);
  if (!spot) throw new Error(`no sandbox spot for ${qr}`);
  // The spot takes a scan once the attempt's transaction exists (the engine's first round).
  await waitFor(
    async () => wallet.scan(qr),
    (r) => r.ok,
    `a scan of ${qr}`,
  );
  await waitFor(
    async () => wallet[decision](spot.id),
    (r) => r.ok,
    `the order on spot ${spot.id}`,
  );
}

export async function adminOrder(t: Shop, code: string): Promise<OrderView> {
  const { orders } = await t.admin.query(q.ADMIN_ORDER, { code });
  return orders.items[0];
}

export const orderIn = (t: Shop, code: string, state: string, timeoutMs?: number) =>
  waitFor(
    () => adminOrder(t, code),
    (o) => o.state === state,
    `order ${code} in ${state}`,
    timeoutMs,
  );

/** Every receipt signed in the sandbox's fiskaltrust journal so far. */
export function journal(t: Shop) {
  return t.sandbox.control.fiskaltrust.journal(t.sandbox.credentials.fiskaltrust.cashBoxId).receipts;
}

/** Waits until the order shows `count` receipts, all signed. */
export const receiptsSigned = (t: Shop, code: string, count: number) =>
  waitFor(
    () => adminOrder(t, code),
    (o) => o.tillkitReceipts.length === count && o.tillkitReceipts.every((r) => r.state === 'signed'),
    `${count} signed receipts of ${code}`,
  );
