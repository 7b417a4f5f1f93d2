import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir, checkout, customer, openBrowser, type Shopper } from './browser.ts';
import { adminClient, type Stack, startStack, vendureClient } from './vendure-stack.ts';

// The storefront in Vendure mode, as `pnpm demo:vendure` runs it: the catalogue and the cart are the
// Vendure example's (a real Vendure on sql.js, forked), the checkout is the @tillkit/graphql contract in
// its shop API, and the customer pays in the sandbox's wallet simulator.

let stack: Stack;
let shopper: Shopper | undefined;

beforeAll(async () => {
  stack = await startStack();
}, 300_000);
afterAll(async () => {
  await stack?.close();
});
afterEach(async () => {
  await shopper?.browser.close();
  shopper = undefined;
});

/** The shopper's Vendure session, as the page keeps it. */
const sessionOf = async (s: Shopper) =>
  (await s.shop.evaluate(() => localStorage.getItem('tillkit-vendure-token'))) ?? undefined;

interface OrderView {
  code: string;
  state: string;
  totalWithTax: number;
  payments: Array<{ state: string; amount: number; method: string }>;
}
const ORDER = 'code state totalWithTax payments { state amount method }';

describe('storefront on Vendure in Chromium', () => {
  it('pays the active order in the wallet simulator: the signed receipt on the page, the order PaymentSettled', async () => {
    shopper = await openBrowser(stack.demo.url);
    const { shop } = shopper;
    await shop.waitForSelector('button[data-product="BLEND-250"]');
    // Vendure's prices with tax, ×100: House Blend 9.79, Ceramic Mug 14.40.
    for (const sku of ['BLEND-250', 'BLEND-250', 'MUG-300']) {
      const before = await shop.textContent('#cart-total');
      await shop.click(`button[data-product="${sku}"]`);
      await shop.waitForFunction((t) => document.getElementById('cart-total')?.textContent !== t, before);
    }
    expect(await shop.textContent('#cart-total')).toBe('33.98 EUR');
    expect(await shop.$$eval('#cart li', (rows) => rows.map((r) => r.firstChild?.textContent))).toEqual([
      '2 × House Blend',
      '1 × Ceramic Mug',
    ]);

    const code = await checkout(shop, []);
    await shop.screenshot({ path: join(artifactsDir, 'vendure-awaiting-scan.png') });
    expect(code).toMatch(/^PAYSERA\*\d+:table\d+$/);
    expect(await shop.textContent('#checkout-amount')).toBe('33.98 EUR');
    expect(await shop.getAttribute('#status', 'data-status')).toBe('AWAITING_SCAN');
    const orderCode = (await shop.textContent('#order-ref')) ?? '';
    const session = await sessionOf(shopper);
    const shopApi = vendureClient(stack.demo.vendure.shopApi, session);
    const { activeOrder } = await shopApi<{ activeOrder: OrderView }>(`{ activeOrder { ${ORDER} } }`);
    expect(activeOrder).toMatchObject({
      code: orderCode,
      state: 'AddingItems',
      totalWithTax: 3398,
      payments: [],
    });

    await customer(shopper, code, 'accept');

    await shop.waitForSelector('[data-testid="receipt-id"]', { timeout: 30_000 });
    expect(await shop.getAttribute('#status', 'data-status')).toBe('CONFIRMED');
    expect(await shop.textContent('[data-testid="receipt-total"]')).toBe('33.98 EUR');
    const lines = await shop.$$eval('#receipt table.lines tbody tr', (rows) =>
      rows.map((r) => r.textContent),
    );
    expect(lines).toEqual(expect.arrayContaining(['House Blend210%19.58 EUR', 'Ceramic Mug120%14.40 EUR']));
    expect(await shop.$$eval('[data-testid="signatures"] li', (items) => items.length)).toBeGreaterThan(0);
    const receiptId = (await shop.textContent('[data-testid="receipt-id"]'))?.trim();
    expect(receiptId).toBeTruthy();
    await shop.screenshot({ path: join(artifactsDir, 'vendure-paid-receipt.png'), fullPage: true });

    // The shopper's own order over the shop API, and the merchant's view over the admin API.
    const { orderByCode } = await shopApi<{ orderByCode: OrderView & { tillkitReceipts: unknown[] } }>(
      `query O($c: String!) { orderByCode(code: $c) { ${ORDER} tillkitReceipts { kind state receiptId } } }`,
      { c: orderCode },
    );
    expect(orderByCode).toMatchObject({
      state: 'PaymentSettled',
      payments: [{ state: 'Settled', amount: 3398, method: 'paysera' }],
      tillkitReceipts: [{ kind: 'sale', state: 'signed', receiptId }],
    });
    const admin = await adminClient(stack.demo.vendure.adminApi);
    const { orders } = await admin<{
      orders: {
        items: Array<{
          state: string;
          tillkitReceipts: Array<{ kind: string; state: string; receiptId: string }>;
        }>;
      };
    }>(
      'query O($c: String!) { orders(options: { filter: { code: { eq: $c } } }) { items { state tillkitReceipts { kind state receiptId } } } }',
      {
        c: orderCode,
      },
    );
    expect(orders.items).toEqual([
      { state: 'PaymentSettled', tillkitReceipts: [{ kind: 'sale', state: 'signed', receiptId }] },
    ]);
    // Paid: the next purchase starts a new active order.
    await shop.click('#restart');
    await shop.waitForSelector('#cart li.empty');
    expect(
      (await shopApi<{ activeOrder: OrderView | null }>(`{ activeOrder { ${ORDER} } }`)).activeOrder,
    ).toBeNull();
  });

  it('tells the shopper no money was taken when the customer rejects; the Vendure order stays unpaid', async () => {
    shopper = await openBrowser(stack.demo.url);
    const { shop } = shopper;
    await shop.waitForSelector('button[data-product="MUG-300"]');
    await shop.click('button[data-product="MUG-300"]');
    await shop.waitForSelector('#pay:not([disabled])');
    const code = await checkout(shop, []);
    const orderCode = (await shop.textContent('#order-ref')) ?? '';

    await customer(shopper, code, 'reject');

    await shop.waitForSelector('#status[data-status="REJECTED"]', { timeout: 30_000 });
    expect(await shop.textContent('#outcome')).toContain('No money was taken');
    expect(await shop.isVisible('#receipt')).toBe(false);
    const shopApi = vendureClient(stack.demo.vendure.shopApi, await sessionOf(shopper));
    const { activeOrder } = await shopApi<{ activeOrder: OrderView }>(`{ activeOrder { ${ORDER} } }`);
    expect(activeOrder).toMatchObject({
      code: orderCode,
      state: 'AddingItems',
      totalWithTax: 1440,
      payments: [],
    });
  });
});
