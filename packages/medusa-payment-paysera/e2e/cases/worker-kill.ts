// The engine's worker dies between the customer's reservation and the capture (its confirm in flight):
// another worker takes over from PostgreSQL, the money is confirmed once, the receipt signed once.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parseOptions } from '../../src/options.ts';
import { startTicker, stopCheckout } from '../../src/runtime.ts';
import {
  attempt,
  type Ctx,
  confirms,
  expectOneReceiptOnOrder,
  orderWithPaymentStatus,
} from '../helpers/context.ts';
import { pay, until } from '../helpers/customer.ts';
import { cartReady, payseraSession } from '../helpers/shop.ts';

/** The options the app's `paysera` provider runs with (e2e/app/medusa-config.ts). */
const appOptions = () =>
  parseOptions({
    ...JSON.parse(process.env['TK_PROVIDER'] ?? '{}'),
    webhookSecret: process.env['TK_WEBHOOK_SECRET'],
    databaseUrl: process.env['TK_STORE_URL'],
  });

function startWorker(): Promise<ChildProcess> {
  const worker = spawn(
    process.execPath,
    ['--conditions=@tillkit/source', path.join(__dirname, '../helpers/engine-worker.ts')],
    {
      env: { ...process.env, NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let errors = '';
    worker.stderr?.on('data', (d: Buffer) => {
      errors += d.toString();
    });
    worker.stdout?.on('data', (d: Buffer) => d.toString().includes('leader') && resolve(worker));
    worker.on('exit', (code) => reject(new Error(`engine worker exited ${code}: ${errors.slice(-2000)}`)));
  });
}

export function workerKillCases(ctx: Ctx) {
  describe('worker killed', () => {
    it('between reservation and capture: the next worker confirms once, one receipt, the order captured', async () => {
      const { api, shop } = { api: ctx.api, shop: ctx.shop() };
      // This process hands the ticker over (as at a shutdown) and takes it back once the worker is dead.
      await stopCheckout();
      const resume = () => startTicker(appOptions(), 'paysera_paysera', ctx.container().resolve('logger'));
      const worker = await startWorker();
      try {
        const cartId = await cartReady(api, shop, 'eur');
        const { session } = await payseraSession(api, shop, cartId);
        const completed = await api.post(`/store/carts/${cartId}/complete`, {}, shop.storeHeaders);
        const orderId = completed.data.order.id as string;
        // The confirm reaches Paysera, which answers only after the worker is gone.
        ctx.sandbox().control.faults.add({
          route: 'PUT /rest/v1/transaction/*/confirm',
          kind: 'latency',
          latencyMs: 2_000,
          times: 1,
        });
        const before = confirms(ctx);
        await pay(ctx.sandbox(), session.data['qrPayload']);
        await until('the worker sending the confirm', () => (confirms(ctx) > before ? true : undefined));
        worker.kill('SIGKILL');
        expect((await attempt(session.data['attemptId'])).status).toBe('reserved');

        resume();
        const order = await orderWithPaymentStatus(ctx, orderId, 'captured');
        expect(order.payment_collections[0].payments[0].captures).toHaveLength(1);
        expect(order.transactions).toHaveLength(1);
        expect((await attempt(session.data['attemptId'])).capturedAmount).toEqual({
          amount: 1800,
          currency: 'EUR',
        });
        await expectOneReceiptOnOrder(ctx, orderId);
      } finally {
        worker.kill('SIGKILL');
        ctx.sandbox().control.faults.clear();
        resume();
      }
    });
  });
}
