// The `pnpm demo:medusa` stack for the browser journey: the packages the Medusa example loads are built
// first (turbo: a cache hit when nothing changed), then startMedusaDemo on free ports, a temp dir and a
// database of its own, dropped when the stack closes.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MedusaDemo, startMedusaDemo } from '../server/start-medusa-demo.ts';
import { buildPackagesOf } from './build.ts';

/** The admin the example's seed creates (apps/medusa-example/src/scripts/seed.ts). */
const ADMIN = { email: 'admin@tillkit.example', password: 'tillkit-demo' };

export interface MedusaStack {
  demo: MedusaDemo;
  close(): Promise<void>;
}

export async function startMedusaStack(): Promise<MedusaStack> {
  // Medusa require()s the provider's build.
  buildPackagesOf('@tillkit/medusa-example');
  const dataDir = mkdtempSync(join(tmpdir(), 'tillkit-medusa-shop-'));
  const demo = await startMedusaDemo({
    dataDir,
    port: 0,
    medusaPort: 0,
    sandboxPort: 0,
    database: `tk_storefront_e2e_${randomBytes(4).toString('hex')}`,
    dropDatabase: true,
  });
  return {
    demo,
    close: async () => {
      await demo.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The admin API as the seeded admin (a JWT from the emailpass provider). */
export async function medusaAdmin(store: string) {
  const auth = await fetch(`${store}/auth/user/emailpass`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  const { token } = (await auth.json()) as { token?: string };
  if (!token) throw new Error(`admin login: HTTP ${auth.status}`);
  return async <T>(path: string): Promise<T> => {
    const res = await fetch(`${store}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
}
