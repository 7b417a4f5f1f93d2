import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { artifactsDir, checkout, customer, openBrowser, type Shopper } from './browser.ts';
import { type MedusaStack, medusaAdmin, startMedusaStack } from './medusa-stack.ts';

// The storefront in Medusa mode, as `pnpm demo:medusa` runs it: the catalogue and the cart are the Medusa
// example's store API (a real Medusa on its own PostgreSQL database), the checkout is the @tillkit/graphql
// contract at /store/tillkit/graphql, and the customer pays in the sandbox's wallet simulator. Medusa's
// webhook path then completes the cart into an order, captured, with the receipt number on it.

let stack: MedusaStack;
let shopper: Shopper | undefined;

beforeAll(async () => {
  stack = await startMedusaStack();
}, 600_000);
afterAll(async () => {
  await stack?.close();
}, 60_000);
afterEach(async () => {
  await shopper?.browser.close();
  shopper = undefined;
});

interface AdminOrder {
  id: string;
  email: string;
  total: number;
  payment_status: string;
  metadata: Record<string, unknown> | null;
  items: Array<{ title: string; quantity: number }>;
}

describe('storefront on Medusa in Chromium', () => {
  it('pays the Medusa cart in the wallet simulator: the signed receipt on the page, the order captured with its number', async () => {
    shopper = await openBrowser(stack.demo.url);
    const { shop } = shopper;
    await shop.waitForSelector('button[data-product="MELANGE"]');
    // Medusa's prices are tax-exclusive major units; the page shows them with 20 % VAT, in minor units.
    const prices = await shop.$$eval('#products .price', (ps) => ps.map((p) => p.textContent));
    expect(prices.sort()).toEqual(['15.48 EUR', '5.40 EUR', '7.44 EUR']);
    for (const sku of ['MELANGE', 'MELANGE', 'SACHER']) {
      const before = await shop.textContent('#cart-total');
      await shop.click(`button[data-product="${sku}"]`);
      await shop.waitForFunction((t) => document.getElementById('cart-total')?.textContent !== t, before);
    }
    expect(await shop.textContent('#cart-total')).toBe('18.24 EUR');
    const cartId = await shop.evaluate(() => localStorage.getItem('tillkit-medusa-cart'));
    expect(cartId).toMatch(/^cart_/);

    const code = await checkout(shop, []);
    await shop.screenshot({ path: join(artifactsDir, 'medusa-awaiting-scan.png') });
    expect(code).toMatch(/^PAYSERA\*\d+:table\d+$/);
    // The cheapest shipping option (3.90 + VAT) is on the cart now.
    expect(await shop.textContent('#checkout-amount')).toBe('22.92 EUR');
    expect(await shop.getAttribute('#status', 'data-status')).toBe('AWAITING_SCAN');
    expect(await shop.textContent('#order-ref')).toBe(cartId);

    await customer(shopper, code, 'accept');

    await shop.waitForSelector('[data-testid="receipt-id"]', { timeout: 60_000 });
    expect(await shop.getAttribute('#status', 'data-status')).toBe('CONFIRMED');
    expect(await shop.textContent('[data-testid="receipt-total"]')).toBe('22.92 EUR');
    const lines = await shop.$$eval('#receipt table.lines tbody tr', (rows) =>
      rows.map((r) => r.textContent),
    );
    expect(lines).toEqual([
      'Wiener Melange220%10.80 EUR',
      'Sachertorte120%7.44 EUR',
      'Standard delivery120%4.68 EUR',
    ]);
    expect(await shop.$$eval('[data-testid="signatures"] li', (items) => items.length)).toBeGreaterThan(0);
    const receiptId = (await shop.textContent('[data-testid="receipt-id"]'))?.trim();
    expect(receiptId).toBeTruthy();
    await shop.waitForSelector('#order-placed:not([hidden])', { timeout: 60_000 });
    await shop.screenshot({ path: join(artifactsDir, 'medusa-paid-receipt.png'), fullPage: true });

    // The merchant's view: one order, captured, the receipt number on it and behind the receipt route.
    const admin = await medusaAdmin(stack.demo.medusa.store);
    const order = await vi.waitFor(
      async () => {
        const { orders } = await admin<{ orders: Array<{ id: string }> }>('/admin/orders?fields=id');
        expect(orders).toHaveLength(1);
        const { order } = await admin<{ order: AdminOrder }>(
          `/admin/orders/${orders[0]?.id}?fields=id,email,total,payment_status,metadata,*items`,
        );
        expect(order.payment_status).toBe('captured');
        expect(order.metadata?.['tillkit_receipt_id']).toBe(receiptId);
        return order;
      },
      { timeout: 60_000, interval: 500 },
    );
    expect(order).toMatchObject({ email: 'shopper@tillkit.example', total: 22.92 });
    expect(order.items.map((i) => [i.title, i.quantity]).sort()).toEqual([
      ['Sachertorte', 1],
      ['Wiener Melange', 2],
    ]);
    const { receipt } = await admin<{
      receipt: { state: string; receipt: { receiptId: string; total: { amount: number; currency: string } } };
    }>(`/admin/paysera/orders/${order.id}/receipt`);
    expect(receipt).toMatchObject({
      state: 'signed',
      receipt: { receiptId, total: { amount: 2292, currency: 'EUR' } },
    });

    // Paid: the next purchase starts a new cart.
    await shop.click('#restart');
    await shop.waitForSelector('#cart li.empty');
    expect(await shop.evaluate(() => localStorage.getItem('tillkit-medusa-cart'))).toBeNull();
  });
});
