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

/** What the checkout service needs to reach the sandbox's three APIs. */
export function checkoutOptions(sandbox: Sandbox): Record<string, unknown> {
  const c = sandbox.credentials;
  return {
    wallet: {
      baseUrl: sandbox.urls.wallet,
      credentials: { macId: c.wallet.macId, macKey: c.wallet.macKey },
      projectId: c.wallet.projectId,
    },
    locationId: c.wallet.locationId,
    pos: { baseUrl: sandbox.urls.pos, token: c.pos.token, cashRegisterNumber: c.pos.cashRegisterNumber },
    fiscal: {
      baseUrl: sandbox.urls.fiskaltrust,
      cashBoxId: c.fiskaltrust.cashBoxId,
      accessToken: c.fiskaltrust.accessToken,
      country: 'AT',
    },
  };
}

export function setAppEnv(sandbox: Sandbox, storeUrl: string): void {
  process.env['TK_WEBHOOK_SECRET'] = webhookSecret;
  process.env['TK_STORE_URL'] = storeUrl;
  process.env['TK_CHECKOUT'] = JSON.stringify(checkoutOptions(sandbox));
}
