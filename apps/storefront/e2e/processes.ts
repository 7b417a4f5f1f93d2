// The demo's processes for the durability journeys: the GraphQL server (`server/demo.ts`) and the checkout
// worker (`server/worker.ts`) as real child processes over one SQLite directory, killed with SIGKILL and
// started again, against a sandbox the test owns (so its fiskaltrust journal outlives them).
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Sandbox } from '@tillkit/sandbox';
import { expect, vi } from 'vitest';

const serverDir = fileURLToPath(new URL('../server/', import.meta.url));

export interface Child {
  process: ChildProcess;
  /** The shop URL (demo) once it printed it. */
  url: string;
  /** SIGKILL, and wait until the process is gone. */
  kill9(): Promise<void>;
  /** SIGTERM (a clean stop), and wait. */
  stop(): Promise<void>;
}

export interface ProcessEnv {
  dataDir: string;
  /** The sandbox both processes use; without it the demo starts its own, persisted in dataDir. */
  sandbox?: Sandbox;
}

function envFor(env: ProcessEnv, extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TILLKIT_DEMO_DATA: env.dataDir,
    TILLKIT_DEMO_PORT: '0',
    ...(env.sandbox
      ? { TILLKIT_SANDBOX: JSON.stringify({ url: env.sandbox.url, credentials: env.sandbox.credentials }) }
      : {}),
    ...extra,
  };
}

/** Starts `server/<file>` and resolves once it printed `ready` (a URL for the demo, a line for the worker). */
export function startChild(
  file: 'demo.ts' | 'worker.ts',
  env: ProcessEnv,
  extra: Record<string, string> = {},
) {
  const child = spawn(process.execPath, ['--conditions=@tillkit/source', `${serverDir}${file}`], {
    env: envFor(env, extra),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => {
    stderr = (stderr + c.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise<Child>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /(http:\/\/\S+)/.exec(out)?.[1];
      if (url || (file === 'worker.ts' && out.includes('worker running')))
        resolve({
          process: child,
          url: url ?? '',
          kill9: async () => {
            child.kill('SIGKILL');
            await exited;
          },
          stop: async () => {
            child.kill('SIGTERM');
            await exited;
          },
        });
    });
    child.once('exit', (code) =>
      reject(new Error(`${file} exited (${code}) before it was ready: ${stderr}`)),
    );
  });
}

interface Body {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** One GraphQL operation through the shop URL (the page's proxy), as the page sends it. */
export async function gql(shopUrl: string, query: string, variables?: unknown): Promise<Body> {
  const res = await fetch(new URL('/graphql', shopUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as Body;
}

export const START =
  'mutation S($input: TillKitStartCheckoutInput!) { tillkitStartCheckout(input: $input) { token checkout { id qrPayload status } } }';
/** What the shopper polls: the status only, never the receipt. */
export const STATUS =
  'query C($id: TillKitCheckoutId!, $token: TillKitCheckoutToken!) { tillkitCheckout(id: $id, token: $token) { status paid } }';
export const WITH_RECEIPT =
  'query C($id: TillKitCheckoutId!, $token: TillKitCheckoutToken!) { tillkitCheckout(id: $id, token: $token) { status receiptStatus receipt { receiptId queueItemId total { amount } } } }';

export interface Started {
  id: string;
  token: string;
  qrPayload: string;
}

export async function startCheckout(shopUrl: string): Promise<Started> {
  const r = await gql(shopUrl, START, { input: { lines: [{ productId: 'enamel-mug', quantity: 2 }] } });
  const p = r.data?.['tillkitStartCheckout'] as {
    token: string;
    checkout: { id: string; qrPayload: string };
  };
  if (!p) throw new Error(`start failed: ${JSON.stringify(r.errors)}`);
  return { id: p.checkout.id, token: p.token, qrPayload: p.checkout.qrPayload };
}

const wait = { timeout: 30_000, interval: 250 };

/** The customer in the sandbox's wallet: scans the shown QR, then pays once the order is attached. */
export async function pay(sandbox: Sandbox, started: Started): Promise<void> {
  const spot = sandbox.credentials.wallet.spots.find((s) => s.code === started.qrPayload);
  if (!spot) throw new Error(`no spot for ${started.qrPayload}`);
  await vi.waitFor(() => expect(sandbox.control.wallet.scan(started.qrPayload).ok).toBe(true), wait);
  await vi.waitFor(() => expect(sandbox.control.wallet.accept(spot.id).ok).toBe(true), wait);
}

/** Polls the checkout (status only) until `check` passes. */
export async function pollUntil(
  shopUrl: string,
  s: Started,
  query: string,
  check: (c: Record<string, unknown>) => void,
) {
  let last: Record<string, unknown> | undefined;
  await vi.waitFor(async () => {
    const r = await gql(shopUrl, query, { id: s.id, token: s.token });
    last = r.data?.['tillkitCheckout'] as Record<string, unknown> | undefined;
    expect(last, JSON.stringify(r.errors)).toBeDefined();
    check(last as Record<string, unknown>);
  }, wait);
  return last as Record<string, unknown>;
}

/** Signed receipts in the sandbox's fiskaltrust journal for the attempt (its id is the receipt reference). */
export function journalled(sandbox: Sandbox, attemptId: string) {
  const { receipts } = sandbox.control.fiskaltrust.journal(sandbox.credentials.fiskaltrust.cashBoxId);
  return receipts.filter((r) => r.cbReceiptReference === attemptId);
}
