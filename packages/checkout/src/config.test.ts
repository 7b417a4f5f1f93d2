import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TillKitError } from '@tillkit/models';
import type { WalletClient } from '@tillkit/paysera';
import { type Sandbox, startSandbox } from '@tillkit/sandbox';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type CheckoutConfig, checkoutOptionsFromConfig } from './config.ts';
import { checkoutOptionsFromEnv } from './env.ts';
import { createCheckoutService } from './service.ts';
import { createMemoryCheckoutStore } from './store/memory.ts';

let sandbox: Sandbox;
let dir: string;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: { wallet: { spots: 3 } } });
  dir = mkdtempSync(path.join(tmpdir(), 'tk-config-'));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The configuration a merchant writes, pointing at the sandbox. */
function sandboxConfig(): CheckoutConfig {
  const { wallet: w, fiskaltrust: f, pos } = sandbox.credentials;
  return {
    paysera: {
      macId: w.macId,
      macKey: w.macKey,
      projectId: w.projectId,
      locationId: w.locationId,
      walletUrl: sandbox.urls.wallet,
      pos: { token: pos.token, url: sandbox.urls.pos },
    },
    fiskaltrust: { cashBoxId: f.cashBoxId, accessToken: f.accessToken, url: sandbox.url },
    shopName: 'Config shop',
    ticker: { intervalMs: 50, idleMs: 200 },
  };
}

const order = {
  orderRef: 'CFG-1',
  amount: { amount: 1250, currency: 'EUR' },
  description: 'Order CFG-1',
  order: { lines: [{ description: 'Cake', quantity: 1, unitPrice: 1250, vatRate: 10 }] },
};

describe('checkoutOptionsFromConfig', () => {
  it('applies the defaults and passes the tuning on', () => {
    const store = createMemoryCheckoutStore();
    const options = checkoutOptionsFromConfig(sandboxConfig(), { store });
    expect(options).toMatchObject({
      store,
      captureMode: 'automatic',
      locationId: sandbox.credentials.wallet.locationId,
      projectId: sandbox.credentials.wallet.projectId,
      fiscal: { country: 'AT', cashBoxId: sandbox.credentials.fiskaltrust.cashBoxId },
      pos: { sync: true },
      shopName: 'Config shop',
      tickIntervalMs: 50,
      idleIntervalMs: 200,
    });
    expect(options).not.toHaveProperty('leaderLeaseMs');
    expect(options).not.toHaveProperty('logger');
  });

  it('names every wrong or missing field in one INVALID_CONFIG error, never a value', () => {
    const secret = 'mac-key-that-must-not-be-echoed';
    let error: TillKitError | undefined;
    try {
      checkoutOptionsFromConfig(
        {
          captureMode: 'later' as 'manual',
          paysera: { macId: '', macKey: secret, locationId: 0, walletUrl: 'not a url' },
          fiskaltrust: { cashBoxId: 'not-a-uuid' } as CheckoutConfig['fiskaltrust'],
          ticker: { lockMs: 10 },
        },
        { store: createMemoryCheckoutStore() },
      );
    } catch (e) {
      error = e as TillKitError;
    }
    expect(error?.code).toBe('INVALID_CONFIG');
    expect(error?.issues?.map((i) => i.path).sort()).toEqual([
      'captureMode',
      'fiskaltrust.accessToken',
      'fiskaltrust.cashBoxId',
      'paysera.locationId',
      'paysera.macId',
      'paysera.walletUrl',
      'ticker.lockMs',
    ]);
    expect(error?.message).toContain('fiskaltrust.accessToken: is required (CashBox access token)');
    expect(error?.message).not.toContain(secret);
  });

  it('builds clients that take a payment, sign its receipt and record it in the POS', async () => {
    const service = createCheckoutService(
      checkoutOptionsFromConfig(sandboxConfig(), { store: createMemoryCheckoutStore() }),
    );
    service.run();
    try {
      const attempt = await service.start(order);
      await vi.waitFor(() => expect(sandbox.control.wallet.scan(attempt.qrPayload).ok).toBe(true), {
        timeout: 10_000,
      });
      const spot = sandbox.credentials.wallet.spots.find((s) => s.code === attempt.qrPayload);
      await vi.waitFor(async () => expect((await service.get(attempt.id))?.status).toBe('order_attached'), {
        timeout: 10_000,
      });
      expect(sandbox.control.wallet.accept(spot?.id ?? 0).ok).toBe(true);
      await vi.waitFor(
        async () => {
          const r = await service.receipt(attempt.id);
          expect(r.state === 'signed' && r.receipt.pos?.orderId).toBeTruthy();
        },
        { timeout: 20_000, interval: 50 },
      );
      expect((await service.get(attempt.id))?.status).toBe('confirmed');
    } finally {
      await service.stop();
    }
  });

  it('gives the Wallet client no retries of its own (the engine retries on its next round)', async () => {
    const env = {
      TILLKIT_DB: path.join(dir, 'retry.db'),
      PAYSERA_MAC_ID: sandbox.credentials.wallet.macId,
      PAYSERA_MAC_KEY: sandbox.credentials.wallet.macKey,
      PAYSERA_LOCATION_ID: String(sandbox.credentials.wallet.locationId),
      PAYSERA_WALLET_URL: sandbox.urls.wallet,
      FISKALTRUST_CASHBOX_ID: sandbox.credentials.fiskaltrust.cashBoxId,
      FISKALTRUST_ACCESS_TOKEN: sandbox.credentials.fiskaltrust.accessToken,
      FISKALTRUST_COUNTRY: 'AT',
    };
    const fromEnv = await checkoutOptionsFromEnv(env);
    const fromConfig = checkoutOptionsFromConfig(sandboxConfig(), { store: createMemoryCheckoutStore() });
    for (const wallet of [fromEnv.wallet, fromConfig.wallet]) {
      const before = sandbox.control.count('GET /rest/v1/spots');
      sandbox.control.faults.add({ route: 'GET /rest/v1/spots', kind: 'error', status: 503, times: 1 });
      await expect((wallet as WalletClient).listSpots()).rejects.toMatchObject({
        code: 'UPSTREAM_UNAVAILABLE',
      });
      expect(sandbox.control.count('GET /rest/v1/spots')).toBe(before + 1);
      sandbox.control.faults.clear();
    }
  });
});

describe('checkoutOptionsFromEnv', () => {
  it('goes through the config factory: POS, ticker and lock settings land where the service reads them', async () => {
    const options = await checkoutOptionsFromEnv({
      TILLKIT_DB: path.join(dir, 'env.db'),
      PAYSERA_MAC_ID: 'id',
      PAYSERA_MAC_KEY: 'key',
      PAYSERA_LOCATION_ID: '7',
      PAYSERA_POS_TOKEN: 'pos-token',
      FISKALTRUST_CASHBOX_ID: '6f1a2f6e-6b3c-4c55-9a37-1f0d2f8e9a10',
      FISKALTRUST_ACCESS_TOKEN: 'token',
      FISKALTRUST_COUNTRY: 'DE',
      TILLKIT_TICK_MS: '150',
      TILLKIT_LEADER_LEASE_MS: '4000',
      TILLKIT_LOCK_TTL_MS: '9000',
      TILLKIT_CAPTURE_MODE: 'manual',
    });
    expect(options).toMatchObject({
      locationId: 7,
      captureMode: 'manual',
      fiscal: { country: 'DE' },
      pos: { sync: true },
      tickIntervalMs: 150,
      polling: { fastIntervalMs: 150 },
      leaderLeaseMs: 4000,
      lockTtlMs: 9000,
    });
    expect(options).not.toHaveProperty('projectId');
    expect(options.budget).toBeDefined();
  });
});
