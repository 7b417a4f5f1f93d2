import { join } from 'node:path';
import type { Page } from 'playwright-core';
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

/** Adds the products one click at a time, each once the cart total shows the one before. */
async function addToCart(shop: Page, skus: string[]): Promise<void> {
  for (const sku of skus) {
    const before = await shop.textContent('#cart-total');
    await shop.click(`button[data-product="${sku}"]`);
    await shop.waitForFunction((t) => document.getElementById('cart-total')?.textContent !== t, before);
  }
}

type Admin = Awaited<ReturnType<typeof medusaAdmin>>;

/** The orders Medusa made from the cart (its order–cart link). */
async function ordersOfCart(admin: Admin, cartId: string) {
  const { orders } = await admin<{
    orders: Array<AdminOrder & { cart?: { id: string } | null }>;
  }>('/admin/orders?fields=id,total,payment_status,metadata,cart.id&limit=100');
  return orders.filter((o) => o.cart?.id === cartId);
}

/** The payments (authorized or captured) on a payment collection. */
async function paymentsOf(admin: Admin, collectionId: string) {
  const { payments } = await admin<{
    payments: Array<{
      id: string;
      amount: number;
      payment_collection_id: string;
      payment_session_id: string;
      captured_at: string | null;
    }>;
  }>('/admin/payments?fields=id,amount,payment_collection_id,payment_session_id,captured_at&limit=100');
  return payments.filter((p) => p.payment_collection_id === collectionId);
}

interface StoreCart {
  id: string;
  completed_at: string | null;
  payment_collection: {
    id: string;
    status: string;
    authorized_amount: number | null;
    captured_amount: number | null;
    payment_sessions: Array<{
      id: string;
      provider_id: string;
      status: string;
      authorized_at: string | null;
      payment: unknown;
    }>;
  };
}

/** The cart over the store API, with its payment collection. */
async function storeCart(cartId: string) {
  const { store, publishableKey } = stack.demo.medusa;
  const res = await fetch(
    `${store}/store/carts/${cartId}?fields=id,completed_at,*payment_collection,*payment_collection.payment_sessions`,
    { headers: { 'x-publishable-api-key': publishableKey } },
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as { cart: StoreCart }).cart;
}

describe('storefront on Medusa in Chromium', () => {
  it('pays the Medusa cart in the wallet simulator: the signed receipt on the page, the order captured with its number', async () => {
    shopper = await openBrowser(stack.demo.url);
    const { shop } = shopper;
    await shop.waitForSelector('button[data-product="MELANGE"]');
    // Medusa's prices are tax-exclusive major units; the page shows them with 20 % VAT, in minor units.
    const prices = await shop.$$eval('#products .price', (ps) => ps.map((p) => p.textContent));
    expect(prices.sort()).toEqual(['15.48 EUR', '5.40 EUR', '7.44 EUR']);
    await addToCart(shop, ['MELANGE', 'MELANGE', 'SACHER']);
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

  it('tells the shopper no money was taken when the customer rejects; no Medusa order, and paying the cart again succeeds', async () => {
    shopper = await openBrowser(stack.demo.url);
    const { shop } = shopper;
    await shop.waitForSelector('button[data-product="SACHER"]');
    await addToCart(shop, ['SACHER']);
    const cartId = (await shop.evaluate(() => localStorage.getItem('tillkit-medusa-cart'))) ?? '';
    expect(cartId).toMatch(/^cart_/);
    const code = await checkout(shop, []);
    expect(await shop.textContent('#order-ref')).toBe(cartId);

    await customer(shopper, code, 'reject');

    await shop.waitForSelector('#status[data-status="REJECTED"]', { timeout: 60_000 });
    expect(await shop.textContent('#outcome')).toContain('No money was taken');
    expect(await shop.isVisible('#receipt')).toBe(false);
    // Medusa's side: the cart is still a cart, nothing authorized or captured on it, no order made from it.
    const admin = await medusaAdmin(stack.demo.medusa.store);
    const rejected = await storeCart(cartId);
    expect(rejected.completed_at).toBeNull();
    expect(rejected.payment_collection).toMatchObject({
      status: 'not_paid',
      authorized_amount: null,
      captured_amount: null,
    });
    const [session] = rejected.payment_collection.payment_sessions;
    expect(rejected.payment_collection.payment_sessions).toHaveLength(1);
    expect(session).toMatchObject({ provider_id: 'pp_paysera_paysera', authorized_at: null, payment: null });
    expect(['authorized', 'captured']).not.toContain(session?.status);
    expect(await paymentsOf(admin, rejected.payment_collection.id)).toEqual([]);
    expect(await ordersOfCart(admin, cartId)).toEqual([]);

    // Paying again: back to the cart, which still has its line; a new payment session pays it.
    await shop.click('#back-to-cart');
    await shop.waitForSelector('#pay:not([disabled])');
    expect(await shop.$$eval('#cart li', (rows) => rows.map((r) => r.firstChild?.textContent))).toEqual([
      '1 × Sachertorte',
    ]);
    const again = await checkout(shop, []);
    expect(await shop.getAttribute('#status', 'data-status')).toBe('AWAITING_SCAN');
    expect(await shop.textContent('#order-ref')).toBe(cartId);
    expect(await shop.textContent('#checkout-amount')).toBe('12.12 EUR');

    await customer(shopper, again, 'accept');

    await shop.waitForSelector('[data-testid="receipt-id"]', { timeout: 60_000 });
    expect(await shop.getAttribute('#status', 'data-status')).toBe('CONFIRMED');
    expect(await shop.textContent('[data-testid="receipt-total"]')).toBe('12.12 EUR');
    const receiptId = (await shop.textContent('[data-testid="receipt-id"]'))?.trim();
    expect(receiptId).toBeTruthy();
    await shop.waitForSelector('#order-placed:not([hidden])', { timeout: 60_000 });
    // One order from the cart, captured once: the rejected session left nothing behind.
    const [order] = await vi.waitFor(
      async () => {
        const orders = await ordersOfCart(admin, cartId);
        expect(orders).toMatchObject([{ payment_status: 'captured', total: 12.12 }]);
        return orders;
      },
      { timeout: 60_000, interval: 500 },
    );
    expect(order?.metadata?.['tillkit_receipt_id']).toBe(receiptId);
    const payments = await paymentsOf(admin, rejected.payment_collection.id);
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ amount: 12.12, captured_at: expect.any(String) });
    expect(payments[0]?.payment_session_id).not.toBe(session?.id);
  });
});
