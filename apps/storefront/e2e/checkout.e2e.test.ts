import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { artifactsDir, checkout, customer, type Journey, openShop } from './browser.ts';

let journey: Journey | undefined;
afterEach(async () => {
  await journey?.close();
  journey = undefined;
});

describe('storefront in Chromium', () => {
  it('buys two products, pays in the wallet simulator and shows the fiskaltrust-signed receipt', async () => {
    journey = await openShop();
    const { shop } = journey;
    await shop.waitForSelector('button[data-product="espresso-beans"]');
    await shop.click('button[data-product="espresso-beans"]');
    await shop.click('button[data-product="enamel-mug"]');
    await shop.screenshot({ path: join(artifactsDir, 'cart.png') });
    const code = await checkout(shop, []);
    await shop.screenshot({ path: join(artifactsDir, 'awaiting-scan.png') });
    expect(code).toMatch(/^PAYSERA\*\d+:table\d+$/);
    expect(await shop.textContent('#checkout-amount')).toBe('36.90 EUR');

    await customer(journey, code, 'accept');

    await shop.waitForSelector('[data-testid="receipt-id"]', { timeout: 30_000 });
    expect(await shop.textContent('[data-testid="receipt-total"]')).toBe('36.90 EUR');
    const lines = await shop.$$eval('#receipt table.lines tbody tr', (rows) =>
      rows.map((r) => r.textContent),
    );
    expect(lines).toEqual(['Espresso beans 1 kg110%24.90 EUR', 'Enamel mug120%12.00 EUR']);
    const vat = await shop.$$eval('[data-testid="vat"] tbody tr td:first-child', (cells) =>
      cells.map((c) => c.textContent),
    );
    expect(vat).toEqual(['20%', '10%']);
    expect(await shop.$$eval('[data-testid="signatures"] li', (items) => items.length)).toBeGreaterThan(0);
    expect((await shop.textContent('[data-testid="receipt-id"]'))?.trim()).not.toBe('');
    expect(await shop.getAttribute('#status', 'data-status')).toBe('CONFIRMED');
    await shop.screenshot({ path: join(artifactsDir, 'paid-receipt.png'), fullPage: true });
  });

  it('tells the shopper no money was taken when the customer rejects in the wallet', async () => {
    journey = await openShop();
    const { shop } = journey;
    await shop.waitForSelector('button[data-product="hand-grinder"]');
    const code = await checkout(shop, ['hand-grinder']);

    await customer(journey, code, 'reject');

    await shop.waitForSelector('#status[data-status="REJECTED"]', { timeout: 30_000 });
    expect(await shop.textContent('#outcome')).toContain('No money was taken');
    expect(await shop.isVisible('#receipt')).toBe(false);
    // The cart is still the shopper's, to pay again.
    await shop.click('#back-to-cart');
    await shop.waitForSelector('#pay:not([disabled])');
    expect(await shop.$$eval('#cart li', (rows) => rows.map((r) => r.firstChild?.textContent))).toHaveLength(
      1,
    );
  });

  it('shows the receipt once the fiscal service recovers from an outage during payment', async () => {
    journey = await openShop([{ route: 'POST /v2/sign', kind: 'error', status: 503 }]);
    const { shop, sandbox } = journey;
    await shop.waitForSelector('button[data-product="filter-beans"]');
    const code = await checkout(shop, ['filter-beans', 'filter-beans']);

    await customer(journey, code, 'accept');

    await shop.waitForFunction(
      () =>
        document.getElementById('outcome')?.textContent?.includes('Waiting for the fiscal signature') ===
        true,
      undefined,
      { timeout: 30_000 },
    );
    expect(await shop.isVisible('#receipt')).toBe(false);
    expect(sandbox.control.count('POST /v2/sign')).toBeGreaterThan(0);

    sandbox.control.faults.clear();

    await shop.waitForSelector('[data-testid="receipt-id"]', { timeout: 30_000 });
    expect(await shop.textContent('[data-testid="receipt-total"]')).toBe('29.00 EUR');
  });
});
