import { TransactionStatus } from '@tillkit/models';
import type { FaultSpec, Sandbox } from '@tillkit/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { engineFor, engineWallet, eur, sandboxWithSpots, spotOf } from './helpers.ts';

let sandbox: Sandbox;
let order = 0;
const nextOrder = () => `E2E-${++order}`;
const confirms = () => sandbox.control.count('PUT /rest/v1/transaction/*/confirm');

beforeAll(async () => {
  sandbox = await sandboxWithSpots(4);
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  sandbox.control.faults.clear();
  sandbox.control.resetStats();
});

const waitOpts = { timeout: 15_000, interval: 20 };

/** Starts a checkout at the spot and plays the shopper's scan; resolves once the order is attached. */
async function checkoutUntilAttached(
  engine: ReturnType<typeof engineFor>['engine'],
  spot: { id: number },
  cents: number,
) {
  const c = await engine.startCheckout({
    orderId: nextOrder(),
    locationId: sandbox.credentials.wallet.locationId,
    spotId: spot.id,
    amount: eur(cents),
    description: 'x',
  });
  await vi.waitFor(
    async () => expect((await engine.getCheckout(c.id))?.transactionKey).toBeDefined(),
    waitOpts,
  );
  sandbox.control.wallet.scan(c.qr);
  await vi.waitFor(
    async () => expect((await engine.getCheckout(c.id))?.status).toBe('order_attached'),
    waitOpts,
  );
  return c;
}

describe('scan-and-pay engine against the sandbox', () => {
  it('takes a checkout from the QR scan to a confirmed transaction and a free spot', async () => {
    const { engine, seen } = engineFor(sandbox);
    engine.start();
    try {
      const spot = spotOf(sandbox, 0);
      const c = await engine.startCheckout({
        orderId: nextOrder(),
        locationId: sandbox.credentials.wallet.locationId,
        spotId: spot.id,
        amount: eur(1250),
        description: 'Table 1',
      });
      expect(c.qr).toBe(spot.code);
      await vi.waitFor(
        async () => expect((await engine.getCheckout(c.id))?.transactionKey).toBeDefined(),
        waitOpts,
      );
      expect(sandbox.control.wallet.scan(c.qr).ok).toBe(true);
      await vi.waitFor(
        async () => expect((await engine.getCheckout(c.id))?.status).toBe('order_attached'),
        waitOpts,
      );
      expect(sandbox.control.wallet.accept(spot.id).ok).toBe(true);
      await vi.waitFor(
        async () => expect((await engine.getCheckout(c.id))?.status).toBe('spot_closed'),
        waitOpts,
      );
      expect(seen).toEqual(['order_attached', 'reserved', 'confirmed', 'spot_closed']);
      const done = await engine.getCheckout(c.id);
      const tx = await engineWallet(sandbox).getTransaction(done?.transactionKey as string);
      expect(tx.status).toBe('confirmed');
      expect(tx.payments[0]).toMatchObject({
        price: 1250,
        currency: 'EUR',
        parameters: { orderid: c.orderId },
      });
      expect(confirms()).toBe(1);
      const view = sandbox.control.wallet.spot(spot.id);
      expect(view.ok && view.spot.status).toBe('free');
    } finally {
      await engine.stop();
    }
  });

  it('ends rejected and frees the spot when the shopper rejects the order', async () => {
    const { engine, seen } = engineFor(sandbox);
    engine.start();
    try {
      const spot = spotOf(sandbox, 1);
      const c = await checkoutUntilAttached(engine, spot, 300);
      expect(sandbox.control.wallet.reject(spot.id).ok).toBe(true);
      await vi.waitFor(async () => expect((await engine.getCheckout(c.id))?.spotClosed).toBe(true), waitOpts);
      expect(seen).toEqual(['order_attached', 'rejected']);
      expect(confirms()).toBe(0);
      const view = sandbox.control.wallet.spot(spot.id);
      expect(view.ok && view.spot.status).toBe('free');
    } finally {
      await engine.stop();
    }
  });

  it('expires an unpaid checkout, revokes the transaction and frees the spot', async () => {
    const { engine, seen } = engineFor(sandbox, { checkoutTtlMs: 1500 });
    engine.start();
    try {
      const spot = spotOf(sandbox, 2);
      const c = await engine.startCheckout({
        orderId: nextOrder(),
        locationId: sandbox.credentials.wallet.locationId,
        spotId: spot.id,
        amount: eur(300),
        description: 'x',
      });
      await vi.waitFor(
        async () => expect((await engine.getCheckout(c.id))?.transactionKey).toBeDefined(),
        waitOpts,
      );
      sandbox.control.wallet.scan(c.qr);
      await vi.waitFor(async () => expect((await engine.getCheckout(c.id))?.spotClosed).toBe(true), waitOpts);
      expect(seen).toEqual(['order_attached', 'expired']);
      const done = await engine.getCheckout(c.id);
      expect((await engineWallet(sandbox).getTransaction(done?.transactionKey as string)).status).toBe(
        'revoked',
      );
      const view = sandbox.control.wallet.spot(spot.id);
      expect(view.ok && view.spot.status).toBe('free');
    } finally {
      await engine.stop();
    }
  });

  const faults: Array<[string, FaultSpec]> = [
    [
      'the transaction create fails with 503',
      { route: 'POST /rest/v1/transaction', kind: 'error', status: 503, times: 1 },
    ],
    [
      'the transaction create commits but its response is dropped',
      { route: 'POST /rest/v1/transaction', kind: 'drop-after-commit', times: 1 },
    ],
    [
      'the spots poll is rate limited',
      { route: 'GET /rest/v1/spots', kind: 'rate-limit', retryAfterSeconds: 0, times: 2 },
    ],
    [
      'the order attach commits but its response is dropped',
      { route: 'POST /rest/v1/spot/*/order', kind: 'drop-after-commit', times: 1 },
    ],
    [
      'the reserved listing fails with 500',
      { route: 'GET /rest/v1/transactions', kind: 'error', status: 500, times: 2 },
    ],
    [
      'the confirm fails with 503 before committing',
      { route: 'PUT /rest/v1/transaction/*/confirm', kind: 'error', status: 503, times: 1 },
    ],
    [
      'the confirm commits but its response is dropped',
      { route: 'PUT /rest/v1/transaction/*/confirm', kind: 'drop-after-commit', times: 1 },
    ],
    [
      'the spot close resets the connection twice',
      { route: 'DELETE /rest/v1/spot/*', kind: 'reset', times: 2 },
    ],
  ];

  it.each(faults)('ends confirmed with one committed confirm when %s', async (_title, fault) => {
    const { engine, seen } = engineFor(sandbox);
    sandbox.control.faults.add(fault);
    engine.start();
    try {
      const spot = spotOf(sandbox, 3);
      const c = await checkoutUntilAttached(engine, spot, 990);
      sandbox.control.wallet.accept(spot.id);
      await vi.waitFor(
        async () => expect((await engine.getCheckout(c.id))?.status).toBe('spot_closed'),
        waitOpts,
      );
      expect(seen.slice(-2)).toEqual(['confirmed', 'spot_closed']);
      const done = await engine.getCheckout(c.id);
      const wallet = engineWallet(sandbox);
      expect((await wallet.getTransaction(done?.transactionKey as string)).status).toBe('confirmed');
      // Exactly one transaction exists for this order in any status, however many creates were
      // attempted: an orphan duplicate left `new` or revoked counts as much as a second confirm.
      const all = await wallet.listTransactions({ status: TransactionStatus.join(','), limit: 200 });
      expect(all.total).toBeLessThanOrEqual(200); // one page holds them all, so none is missed
      expect(
        all.transactions.filter((t) => t.payments[0]?.parameters?.['orderid'] === c.orderId),
      ).toHaveLength(1);
      // A confirm is sent again only when the first provably did not commit (503 before the handler ran).
      expect(confirms()).toBe(fault.route.startsWith('PUT') && fault.kind === 'error' ? 2 : 1);
      const view = sandbox.control.wallet.spot(spot.id);
      expect(view.ok && view.spot.status).toBe('free');
    } finally {
      await engine.stop();
    }
  });
});
