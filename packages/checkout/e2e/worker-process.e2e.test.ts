import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sandbox } from '@tillkit/sandbox';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkoutOptionsFromEnv } from '../src/env.ts';
import { createCheckoutService } from '../src/index.ts';
import { journalled, orderOf, sandboxFor, waitOpts } from './harness.ts';

// The service split as a shop deploys it on one host: worker processes drive the rounds over a SQLite
// file, and the web process (this test) only starts attempts and reads them. Nobody asks for the receipt.

const bin = fileURLToPath(new URL('../src/bin/worker.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tk-workers-'));
let sandbox: Sandbox;
const children: ChildProcess[] = [];

function env(): Record<string, string> {
  const { wallet: w, fiskaltrust: f } = sandbox.credentials;
  return {
    PATH: process.env['PATH'] ?? '',
    TILLKIT_DB: join(dir, 'shop.sqlite'),
    PAYSERA_MAC_ID: w.macId,
    PAYSERA_MAC_KEY: w.macKey,
    PAYSERA_PROJECT_ID: String(w.projectId),
    PAYSERA_LOCATION_ID: String(w.locationId),
    PAYSERA_WALLET_URL: sandbox.urls.wallet,
    FISKALTRUST_URL: sandbox.url,
    FISKALTRUST_CASHBOX_ID: f.cashBoxId,
    FISKALTRUST_ACCESS_TOKEN: f.accessToken,
    FISKALTRUST_COUNTRY: 'AT',
    TILLKIT_REQUESTS_PER_MINUTE: '3000',
    TILLKIT_TICK_MS: '100',
    TILLKIT_LEADER_LEASE_MS: '1500',
    TILLKIT_JOB_LEASE_MS: '3000',
    TILLKIT_JOB_MAX_DELAY_MS: '300',
  };
}

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ['--conditions=@tillkit/source', '--no-warnings', bin], {
    env: env(),
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  children.push(child);
  return child;
}

beforeAll(async () => {
  sandbox = await sandboxFor(4);
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('tillkit-checkout-worker processes', () => {
  it('a worker killed between payment and receipt: the other one signs it, exactly once', async () => {
    const web = createCheckoutService(await checkoutOptionsFromEnv(env()));
    const first = startWorker();
    const second = startWorker();
    // The fiscal service is down when the payment lands: the receipt job waits in the store.
    const down = sandbox.control.faults.add({ route: 'POST /v2/sign', kind: 'error', status: 503 });
    const a = await web.start(orderOf('PROC-1'));
    await vi.waitFor(() => expect(sandbox.control.wallet.scan(a.qrPayload).ok).toBe(true), waitOpts);
    await vi.waitFor(async () => expect((await web.get(a.id))?.status).toBe('order_attached'), waitOpts);
    const spot = sandbox.credentials.wallet.spots.find((s) => s.code === a.qrPayload)?.id as number;
    expect(sandbox.control.wallet.accept(spot).ok).toBe(true);
    await vi.waitFor(async () => expect((await web.get(a.id))?.status).toBe('confirmed'), waitOpts);
    expect((await web.get(a.id))?.receipt).toBe('pending');
    // Kill both: whichever led, the store alone carries the job to the next worker.
    first.kill('SIGKILL');
    second.kill('SIGKILL');
    sandbox.control.faults.remove(down.id);
    startWorker();
    await vi.waitFor(async () => expect((await web.get(a.id))?.receipt).toBe('signed'), {
      timeout: 30_000,
      interval: 50,
    });
    expect(journalled(sandbox, a.id)).toHaveLength(1);
    expect(sandbox.control.count('PUT /rest/v1/transaction/*/confirm')).toBe(1);
    const r = await web.receipt(a.id);
    expect(r.state === 'signed' && r.receipt.total.amount).toBe(1250);
  });
});
