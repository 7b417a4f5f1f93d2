import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FaultSpec, Sandbox } from '@tillkit/sandbox';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type Demo, startDemo } from '../server/start-demo.ts';

/** Debian's Chromium; never a downloaded browser. */
const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const artifactsDir = fileURLToPath(new URL('../artifacts/', import.meta.url));

/** A headless Chromium with a shop page open (the customer's simulator opens beside it). */
export interface Shopper {
  browser: Browser;
  shop: Page;
}

export interface Journey extends Shopper {
  demo: Demo;
  /** The sandbox the demo started in this process. */
  sandbox: Sandbox;
  close(): Promise<void>;
}

/** Debian's Chromium, headless, with `url` open. */
export async function openBrowser(url: string): Promise<Shopper> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  const shop = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
  await shop.goto(url);
  mkdirSync(artifactsDir, { recursive: true });
  return { browser, shop };
}

/** Starts the demo on free ports and a headless Chromium with the shop page open. */
export async function openShop(faults?: FaultSpec[]): Promise<Journey> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tillkit-shop-'));
  const demo = await startDemo({ dataDir, port: 0, ...(faults ? { faults } : {}) });
  const sandbox = demo.sandbox;
  if (!sandbox) throw new Error('the demo started no sandbox');
  const { browser, shop } = await openBrowser(demo.url);
  return {
    demo,
    sandbox,
    browser,
    shop,
    close: async () => {
      await browser.close();
      await demo.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Adds products by id, once per listed id, then starts the checkout; resolves with the QR payload shown. */
export async function checkout(shop: Page, productIds: string[]): Promise<string> {
  for (const id of productIds) await shop.click(`button[data-product="${id}"]`);
  await shop.click('#pay');
  await shop.waitForFunction(
    () =>
      (document.getElementById('qr') as HTMLImageElement | null)?.src.startsWith('data:image/png') === true,
  );
  return (await shop.textContent('#qr-payload')) ?? '';
}

/**
 * Plays the customer: follows the shop's "wallet simulator" link (opening it is the phone scanning the
 * QR code), checks the simulator scanned the code the shop shows, then accepts or rejects.
 */
export async function customer(journey: Shopper, code: string, decision: 'accept' | 'reject'): Promise<void> {
  const href = await journey.shop.getAttribute('#simulator-link', 'href');
  if (!href) throw new Error('the shop shows no wallet simulator link');
  const sim = await journey.browser.newPage();
  await sim.goto(href);
  await sim.waitForFunction(
    (expected) => (document.getElementById('code') as HTMLInputElement | null)?.value === expected,
    code,
  );
  // The engine attaches the order to the scanned spot; the simulator then offers the decision.
  const button = sim.getByRole('button', { name: decision === 'accept' ? 'Accept (pay)' : 'Reject' });
  await button.waitFor({ timeout: 20_000 });
  await button.click();
  await sim.close();
}
