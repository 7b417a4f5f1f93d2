import { createFiscalClient } from '@tillkit/fiscalization';
import { money } from '@tillkit/models';
import {
  createPosClient,
  createScanAndPayEngine,
  createWalletClient,
  type ScanAndPayEngine,
} from '@tillkit/paysera';
import { type Sandbox, startSandbox } from '@tillkit/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSchema } from '../make-schema.ts';
import { createOperationRunner } from '../run-operation.ts';
import type { ProductView } from '../services.ts';
import { CHECKOUT, checkoutTokenSecret, codes, merchantApiKey, START } from '../testing/harness.ts';
import { createTillKitServices, type EngineServices } from './index.ts';

const catalogue: ProductView[] = [
  { id: 'beans', name: 'Beans', description: '1 kg', price: money(2490, 'EUR'), vatRate: 10 },
  { id: 'mug', name: 'Mug', description: 'Blue', price: money(1200, 'EUR'), vatRate: 20 },
];

let sandbox: Sandbox | undefined;
let services: EngineServices | undefined;
afterEach(async () => {
  services?.dispose();
  await sandbox?.close();
  sandbox = undefined;
});

async function setup() {
  sandbox = await startSandbox({ port: 0 });
  const { credentials, url, urls } = sandbox;
  const { wallet: w, fiskaltrust: f, pos: p } = credentials;
  // Ticked by hand (no timer), so each test decides when the engine looks at the Wallet.
  const engine: ScanAndPayEngine = createScanAndPayEngine({
    wallet: createWalletClient({
      credentials: { macId: w.macId, macKey: w.macKey },
      baseUrl: sandbox.urls.wallet,
      retry: { limit: 0 },
      projectId: w.projectId,
    }),
    projectId: w.projectId,
  });
  const servicesOver = (orders: ProductView[] | EngineServices['orders']) =>
    createTillKitServices({
      engine,
      locationId: w.locationId,
      catalogue: orders,
      fiscal: {
        client: createFiscalClient({
          baseUrl: url,
          cashBoxId: f.cashBoxId,
          accessToken: f.accessToken,
          retry: { limit: 0 },
        }),
        country: 'AT',
        cashBoxId: f.cashBoxId,
      },
      pos: {
        client: createPosClient({ token: p.token, baseUrl: urls.pos, retry: { limit: 0 } }),
        cashRegisterNumber: p.cashRegisterNumber,
      },
    });
  services = servicesOver(catalogue);
  const runner = (s: EngineServices) => {
    const run = createOperationRunner(makeSchema(s, { merchantApiKey, checkoutTokenSecret }));
    return (query: string, variables?: Record<string, unknown>, key?: string) =>
      run({ query, variables, context: key ? { merchantApiKey: key } : {} });
  };
  const gql = runner(services);
  /** A new process over the same engine store and orders: nothing of the first one's memory survives. */
  const restart = () => {
    const next = servicesOver((services as EngineServices).orders);
    const old = services;
    services = next;
    old?.dispose();
    return runner(next);
  };
  const start = async () => {
    const r = await gql(START, {
      input: {
        lines: [
          { productId: 'beans', quantity: 1 },
          { productId: 'mug', quantity: 2 },
        ],
      },
    });
    const p2 = (r.data as { startCheckout: { token: string; checkout: { id: string; qrPayload: string } } })
      .startCheckout;
    return { id: p2.checkout.id, token: p2.token, qr: p2.checkout.qrPayload };
  };
  const poll = async (c: { id: string; token: string }) =>
    (await gql(CHECKOUT, c)).data?.['checkout'] as Record<string, unknown>;
  /** Ticks the engine until the checkout reaches one of the statuses (bounded by rounds, not time). */
  const until = async (c: { id: string; token: string }, statuses: string[]) => {
    for (let i = 0; i < 20; i++) {
      const now = await poll(c);
      if (statuses.includes(now['status'] as string)) return now;
      await engine.tick();
    }
    throw new Error(`checkout never reached ${statuses.join('/')}`);
  };
  const spotOf = (qr: string) => sandbox?.credentials.wallet.spots.find((s) => s.code === qr)?.id as number;
  return { sandbox, engine, gql, start, poll, until, spotOf, restart };
}

describe('createTillKitServices over the sandbox', () => {
  it('takes a checkout from QR to a fiskaltrust-signed receipt', async () => {
    const t = await setup();
    const c = await t.start();
    expect(c.qr).toMatch(/^PAYSERA\*\d+:table\d$/);
    t.sandbox.control.wallet.scan(c.qr);
    await t.until(c, ['ORDER_ATTACHED']);
    t.sandbox.control.wallet.accept(t.spotOf(c.qr));
    const paid = await t.until(c, ['SPOT_CLOSED']);
    expect(paid).toMatchObject({ paid: true, terminal: true });
    const final = await t.poll(c);
    const receipt = final['receipt'] as {
      total: { amount: number };
      signatures: unknown[];
      receiptId: string;
    };
    expect(receipt.total.amount).toBe(2490 + 2 * 1200);
    expect(receipt.signatures.length).toBeGreaterThan(0);
    expect(final['pollAfterMs']).toBe(0);
  });

  it('signs each receipt once however often the shopper polls', async () => {
    const t = await setup();
    const c = await t.start();
    t.sandbox.control.wallet.scan(c.qr);
    await t.until(c, ['ORDER_ATTACHED']);
    t.sandbox.control.wallet.accept(t.spotOf(c.qr));
    await t.until(c, ['SPOT_CLOSED']);
    const ids = new Set<string>();
    for (let i = 0; i < 3; i++) ids.add(((await t.poll(c))['receipt'] as { receiptId: string }).receiptId);
    expect(ids.size).toBe(1);
    const signs = t.sandbox.control.count('POST /v2/sign');
    await t.poll(c);
    expect(t.sandbox.control.count('POST /v2/sign')).toBe(signs);
  });

  it('replays the stored receipt after a restart instead of signing again', async () => {
    const t = await setup();
    const c = await t.start();
    t.sandbox.control.wallet.scan(c.qr);
    await t.until(c, ['ORDER_ATTACHED']);
    t.sandbox.control.wallet.accept(t.spotOf(c.qr));
    await t.until(c, ['SPOT_CLOSED']);
    const before = ((await t.poll(c))['receipt'] as { receiptId: string }).receiptId;
    // Later in time than the first process's first attempt, so a clock-based moment would differ.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const gql = t.restart();
    const after = (await gql(CHECKOUT, c)).data?.['checkout'] as { receipt: { receiptId: string } | null };
    expect(after.receipt?.receiptId).toBe(before);
  });

  it('keeps the receipt pending while fiskaltrust is down and signs it after recovery', async () => {
    const t = await setup();
    t.sandbox.control.faults.add({ route: 'POST /v2/sign', kind: 'error', status: 503 });
    const c = await t.start();
    t.sandbox.control.wallet.scan(c.qr);
    await t.until(c, ['ORDER_ATTACHED']);
    t.sandbox.control.wallet.accept(t.spotOf(c.qr));
    await t.until(c, ['SPOT_CLOSED']);
    expect(await t.poll(c)).toMatchObject({
      paid: true,
      receipt: null,
      receiptPending: true,
      pollAfterMs: 1000,
    });
    t.sandbox.control.faults.clear();
    expect(((await t.poll(c))['receipt'] as { receiptId: string } | null)?.receiptId).toBeTruthy();
  });

  it('reports a rejection in the wallet', async () => {
    const t = await setup();
    const c = await t.start();
    t.sandbox.control.wallet.scan(c.qr);
    await t.until(c, ['ORDER_ATTACHED']);
    t.sandbox.control.wallet.reject(t.spotOf(c.qr));
    expect(await t.until(c, ['REJECTED'])).toMatchObject({ paid: false, terminal: true, receipt: null });
  });

  it('cancels an unscanned checkout for the shopper', async () => {
    const t = await setup();
    const c = await t.start();
    const r = await t.gql(
      'mutation C($id: CheckoutId!, $token: CheckoutToken!) { cancelCheckout(id: $id, token: $token) { status } }',
      c,
    );
    expect(r.data?.['cancelCheckout']).toEqual({ status: 'CANCELLED' });
    expect((await t.poll(c))['status']).toBe('CANCELLED');
  });

  it('reads documents and a fiscal day from the POS External API for the merchant', async () => {
    const t = await setup();
    const docs = await t.gql(
      '{ documents(filter: { type: "receipt", limit: 3 }) { type total { currency } } }',
      undefined,
      merchantApiKey,
    );
    expect(docs.data?.['documents']).toEqual(
      Array.from({ length: 3 }, () => ({ type: 'receipt', total: { currency: 'EUR' } })),
    );
    const day = await t.gql('{ fiscalDay(id: "fd-1") { number status } }', undefined, merchantApiKey);
    expect(day.data?.['fiscalDay']).toEqual({ number: 1, status: 'closed' });
    expect(codes(await t.gql('{ fiscalDay(id: "fd-404") { number } }', undefined, merchantApiKey))).toEqual([
      'NOT_FOUND',
    ]);
    expect(
      codes(await t.gql('{ documents(filter: { type: "invoice" }) { id } }', undefined, merchantApiKey)),
    ).toEqual(['BAD_USER_INPUT']);
  });
});
