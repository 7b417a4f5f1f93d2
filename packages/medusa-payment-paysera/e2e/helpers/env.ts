// The environment the e2e Medusa app reads (app/medusa-config.ts): its own databases (tk_medusa_*), the
// sandbox's credentials for the checkout service, a webhook secret.
import type { Sandbox } from '@tillkit/sandbox';
import pg from 'pg';

export const webhookSecret = 'e2e-webhook-secret-0123456789abcdef0123456789';
const host = process.env['PGHOST'] ?? '127.0.0.1';
const port = process.env['PGPORT'] ?? '5432';
const user = process.env['PGUSER'] ?? 'postgres';

/** A fresh database for the checkout store, outside the one the runner restores before every test. */
export async function freshStoreDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ host, port: Number(port), user, database: 'postgres' });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return `postgres://${user}@${host}:${port}/${name}`;
}

/** The provider options that point at the sandbox, with fast rounds and a short checkout lifetime. */
export function providerOptions(sandbox: Sandbox): Record<string, unknown> {
  const { wallet: w, fiskaltrust: f } = sandbox.credentials;
  return {
    paysera: {
      macId: w.macId,
      macKey: w.macKey,
      projectId: w.projectId,
      locationId: w.locationId,
      walletUrl: sandbox.urls.wallet,
    },
    fiskaltrust: { cashBoxId: f.cashBoxId, accessToken: f.accessToken, country: 'AT', url: sandbox.url },
    checkoutTtlMs: 30_000,
    refundWindowHours: 24,
    ticker: { intervalMs: 100, idleMs: 300, leaseMs: 2_000, lockMs: 5_000 },
  };
}

export function setAppEnv(sandbox: Sandbox, storeUrl: string): void {
  process.env['TK_WEBHOOK_SECRET'] = webhookSecret;
  process.env['TK_STORE_URL'] = storeUrl;
  process.env['TK_PROVIDER'] = JSON.stringify(providerOptions(sandbox));
}
