import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isTillKitError } from '@tillkit/models';
import type { Sandbox } from '@tillkit/sandbox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckoutService } from '../src/index.ts';
import { orderOf, sandboxFor, serviceFor } from './harness.ts';

// Paysera callbacks as a trigger: the sandbox POSTs its signed callbacks to a real HTTP endpoint, which
// hands the body to `onWalletCallback`. No round runs after the customer acts, so whatever moves the
// attempt on was the callback; the transaction list (the polling fallback) is never read for it.

let sandbox: Sandbox;
let server: Server;
let service: CheckoutService;
const answers: number[] = [];

beforeEach(async () => {
  sandbox = await sandboxFor(2);
  server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const status = await service
      .onWalletCallback(body)
      .then(() => 200)
      .catch((e: unknown) => (isTillKitError(e) && !e.retryable ? 400 : 503));
    answers.push(status);
    res.writeHead(status).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const uri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/paysera`;
  service = serviceFor(sandbox, {
    callbacks: { publicKey: sandbox.control.walletCallbacks.publicKeyPem(), uri },
  });
  sandbox.control.walletCallbacks.configure({ retries: 0 });
  answers.length = 0;
});
afterEach(async () => {
  await service.stop();
  await new Promise((r) => server.close(r));
  await sandbox.close();
});

/** Rounds by hand until the order is attached (the scan is only ever seen by polling). */
async function attached(orderRef: string) {
  const a = await service.start(orderOf(orderRef));
  await service.tick();
  expect(sandbox.control.wallet.scan(a.qrPayload).ok).toBe(true);
  for (let i = 0; i < 20 && (await service.get(a.id))?.status !== 'order_attached'; i++) await service.tick();
  expect((await service.get(a.id))?.status).toBe('order_attached');
  const spot = sandbox.credentials.wallet.spots.find((s) => s.code === a.qrPayload)?.id as number;
  return { a, spot };
}

describe('onWalletCallback', () => {
  it('a reserved callback confirms at once, with one re-read and no list poll; a repeat does nothing', async () => {
    const { a, spot } = await attached('CB-1');
    const lists = sandbox.control.count('GET /rest/v1/transactions');
    sandbox.control.wallet.accept(spot);
    await sandbox.control.walletCallbacks.idle();
    expect(answers).toEqual([200]);
    expect((await service.get(a.id))?.status).toBe('confirmed');
    expect(sandbox.control.count('GET /rest/v1/transaction/*')).toBe(1);
    expect(sandbox.control.count('GET /rest/v1/transactions')).toBe(lists);
    // Paysera delivers at least once: the same signed body again is harmless.
    const [delivery] = sandbox.control.walletCallbacks.deliveries();
    const replay = new URLSearchParams({ event: delivery?.event ?? '', sign: delivery?.sign ?? '' });
    expect((await service.onWalletCallback(replay.toString()))?.status).toBe('confirmed');
    expect(sandbox.control.count('PUT /rest/v1/transaction/*/confirm')).toBe(1);
    expect(sandbox.control.walletLedger.totals().confirms).toBe(1);
    expect(sandbox.control.count('GET /rest/v1/transaction/*')).toBe(1);
  });

  it('a rejected callback ends the attempt rejected', async () => {
    const { a, spot } = await attached('CB-2');
    sandbox.control.wallet.reject(spot);
    await sandbox.control.walletCallbacks.idle();
    expect(answers).toEqual([200]);
    expect((await service.get(a.id))?.status).toBe('rejected');
  });

  it('a forged callback is refused (SIGNATURE_INVALID) and changes nothing; polling still confirms', async () => {
    const { a, spot } = await attached('CB-3');
    sandbox.control.walletCallbacks.configure({ drop: true });
    sandbox.control.wallet.accept(spot);
    const [d] = sandbox.control.walletCallbacks.deliveries();
    const forged = (d?.event ?? '').replace('"reserved"', '"rejected"');
    await expect(service.onWalletCallback({ event: forged, sign: d?.sign })).rejects.toMatchObject({
      code: 'SIGNATURE_INVALID',
    });
    expect((await service.get(a.id))?.status).toBe('order_attached');
    expect(sandbox.control.count('GET /rest/v1/transaction/*')).toBe(0);
    // Dropped callback: polling, the fallback, still confirms it.
    for (let i = 0; i < 20 && (await service.get(a.id))?.status !== 'confirmed'; i++) await service.tick();
    expect((await service.get(a.id))?.status).toBe('confirmed');
  });

  it('without callbacks.publicKey it is INVALID_CONFIG', async () => {
    const plain = serviceFor(sandbox);
    await expect(plain.onWalletCallback('event=x&sign=y')).rejects.toMatchObject({ code: 'INVALID_CONFIG' });
  });
});
