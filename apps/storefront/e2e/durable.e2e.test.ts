// The done-when journeys of issue 9 on the demo: the checkout worker and the GraphQL server in separate
// processes over one SQLite file, the shopper paying in the sandbox's wallet and never asking for the
// receipt, kill -9 between payment and receipt, and the single-process demo surviving a kill -9.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@tillkit/sandbox';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freePort } from '../server/child.ts';
import {
  type Child,
  journalled,
  type ProcessEnv,
  pay,
  pollUntil,
  STATUS,
  startCheckout,
  startChild,
  WITH_RECEIPT,
} from './processes.ts';

let sandbox: Sandbox;
let dataDir: string;
let children: Child[] = [];

beforeEach(async () => {
  sandbox = await startSandbox({ port: 0 });
  dataDir = mkdtempSync(join(tmpdir(), 'tillkit-durable-'));
  children = [];
});
afterEach(async () => {
  for (const c of children) await c.kill9();
  await sandbox.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(file: 'demo.ts' | 'worker.ts', env: ProcessEnv, extra: Record<string, string> = {}) {
  const child = await startChild(file, env, extra);
  children.push(child);
  return child;
}

/** The GraphQL server without a ticker, and the worker driving the rounds, as two processes. */
async function split(env: ProcessEnv) {
  const worker = await start('worker.ts', env);
  const server = await start('demo.ts', env, { TILLKIT_DEMO_TICKER: 'off' });
  return { worker, server };
}

describe('the demo as separate processes (worker + GraphQL server)', () => {
  it('signs exactly one receipt for a payment the shopper never asked a receipt for', async () => {
    const env = { dataDir, sandbox };
    const { server, worker } = await split(env);
    const checkout = await startCheckout(server.url);
    await pay(sandbox, checkout);
    const paid = await pollUntil(server.url, checkout, STATUS, (c) => expect(c['status']).toBe('CONFIRMED'));
    expect(paid).toEqual({ status: 'CONFIRMED', paid: true });

    // The worker signs on its own: the GraphQL server has no ticker and the shopper only polled the status.
    await vi.waitFor(() => expect(journalled(sandbox, checkout.id)).toHaveLength(1), { timeout: 30_000 });
    expect(sandbox.control.count('PUT /rest/v1/transaction/*/confirm')).toBe(1);
    await worker.stop();
    await server.stop();
    expect(journalled(sandbox, checkout.id)).toHaveLength(1);
  });

  it('ends with exactly one receipt after both processes are killed -9 between payment and receipt', async () => {
    const env = { dataDir, sandbox };
    const first = await split(env);
    sandbox.control.faults.add({ route: 'POST /v2/sign', kind: 'error', status: 503 });
    const checkout = await startCheckout(first.server.url);
    await pay(sandbox, checkout);
    await pollUntil(first.server.url, checkout, STATUS, (c) => expect(c['status']).toBe('CONFIRMED'));
    // Paid, and the worker has tried to sign (fiskaltrust is down), so the receipt is between the two.
    await vi.waitFor(() => expect(sandbox.control.count('POST /v2/sign')).toBeGreaterThan(0), {
      timeout: 30_000,
    });
    expect(journalled(sandbox, checkout.id)).toHaveLength(0);
    await first.worker.kill9();
    await first.server.kill9();

    sandbox.control.faults.clear();
    const second = await split(env);
    // The token handed out before the kill still works: the secret is in the store, not in the process.
    const signed = await pollUntil(second.server.url, checkout, WITH_RECEIPT, (c) =>
      expect(c['receiptStatus']).toBe('SIGNED'),
    );
    const journal = journalled(sandbox, checkout.id);
    expect(journal).toHaveLength(1);
    expect(signed).toMatchObject({ status: 'CONFIRMED', receipt: { total: { amount: 2400 } } });
    // The receipt the shopper is shown is the one in the journal: the same fiskaltrust queue item.
    expect((signed['receipt'] as { queueItemId: string }).queueItemId).toBe(journal[0]?.ftQueueItemId);
    expect(sandbox.control.count('PUT /rest/v1/transaction/*/confirm')).toBe(1);
  });
});

describe('the single-process demo (pnpm demo)', () => {
  it('keeps the paid checkout and its receipt across a kill -9 and a restart, its own sandbox included', async () => {
    const port = await freePort();
    // A directory that does not exist yet, as on a first `pnpm demo`.
    const env = { dataDir: join(dataDir, 'first-run') };
    const extra = { TILLKIT_SANDBOX_PORT: String(port) };
    const first = await start('demo.ts', env, extra);
    const checkout = await startCheckout(first.url);
    // The customer pays in the demo's own sandbox wallet, through its control API (what the simulator calls).
    await payOverHttp(`http://127.0.0.1:${port}`, checkout.qrPayload);
    const before = await pollUntil(first.url, checkout, WITH_RECEIPT, (c) =>
      expect(c['receiptStatus']).toBe('SIGNED'),
    );
    await first.kill9();

    const second = await start('demo.ts', env, extra);
    const after = await pollUntil(second.url, checkout, WITH_RECEIPT, (c) =>
      expect(c['status']).toBe('CONFIRMED'),
    );
    expect(after).toEqual(before);
  });
});

async function payOverHttp(sandboxUrl: string, code: string): Promise<void> {
  const post = (path: string, body?: unknown) =>
    fetch(`${sandboxUrl}/_sandbox/wallet/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  let spotId = 0;
  await vi.waitFor(
    async () => {
      const res = await post('scan', { code });
      expect(res.status).toBe(200);
      spotId = ((await res.json()) as { id: number }).id;
    },
    { timeout: 30_000, interval: 250 },
  );
  await vi.waitFor(async () => expect((await post(`spots/${spotId}/accept`)).status).toBe(200), {
    timeout: 30_000,
    interval: 250,
  });
}
