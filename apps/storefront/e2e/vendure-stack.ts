// The `pnpm demo:vendure` stack for the browser journeys: the packages the Vendure example runs on are
// built first (turbo: a cache hit when nothing changed), then startVendureDemo on free ports and a temp dir.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startVendureDemo, type VendureDemo } from '../server/start-vendure-demo.ts';
import { buildPackagesOf } from './build.ts';

export interface Stack {
  demo: VendureDemo;
  close(): Promise<void>;
}

export async function startStack(): Promise<Stack> {
  // Vendure needs the plugin's decorator metadata, so the builds.
  buildPackagesOf('@tillkit/vendure-example');
  const dataDir = mkdtempSync(join(tmpdir(), 'tillkit-vendure-shop-'));
  const demo = await startVendureDemo({ dataDir, port: 0, vendurePort: 0, sandboxPort: 0 });
  return {
    demo,
    close: async () => {
      await demo.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

interface Body {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string }>;
}

/** A GraphQL client for one Vendure API with its own bearer session (Vendure's `vendure-auth-token`). */
export function vendureClient(url: string, token?: string) {
  let session = token;
  return async <T>(query: string, variables?: unknown): Promise<T> => {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(session ? { authorization: `Bearer ${session}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    session = res.headers.get('vendure-auth-token') ?? session;
    const body = (await res.json()) as Body;
    if (body.errors?.length || !body.data) throw new Error(`${url}: ${JSON.stringify(body.errors)}`);
    return body.data as T;
  };
}

/** The admin API as the example's superadmin. */
export async function adminClient(adminApi: string) {
  const admin = vendureClient(adminApi);
  await admin(
    'mutation { login(username: "superadmin", password: "superadmin") { ... on CurrentUser { id } } }',
  );
  return admin;
}
