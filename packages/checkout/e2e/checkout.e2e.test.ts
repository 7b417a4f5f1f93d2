import type { Sandbox } from '@tillkit/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CheckoutEvent } from '../src/index.ts';
import { journalled, orderOf, sandboxFor, scanned, serviceFor, until } from './harness.ts';

let sandbox: Sandbox;
let n = 0;
const ref = () => `ORD-${++n}`;
const count = (route: string) => sandbox.control.count(route);
const CONFIRM = 'PUT /rest/v1/transaction/*/confirm';
const REVOKE = 'DELETE /rest/v1/transaction/*';

beforeAll(async () => {
  sandbox = await sandboxFor(8);
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  sandbox.control.faults.clear();
  sandbox.control.resetStats();
});

describe('checkout service against the sandbox', () => {
  it('pays, confirms once and signs exactly one receipt without anyone asking for it', async () => {
    const service = serviceFor(sandbox);
    const events: CheckoutEvent[] = [];
    service.subscribe('test', async (e) => {
      events.push(e);
    });
    service.run();
    try {
      const orderRef = ref();
      const a = await service.start(orderOf(orderRef));
      expect(a.id).toMatch(/^att_/);
      expect(a.status).toBe('awaiting_scan');
      expect(JSON.stringify(a)).not.toContain(sandbox.credentials.wallet.macKey);
      const spot = await scanned(sandbox, service, a);
      expect(sandbox.control.wallet.accept(spot).ok).toBe(true);
      const paid = await until(service, a.id, (x) => expect(x.receipt).toBe('signed'));
      expect(paid.status).toBe('confirmed');
      expect(paid.capturedAmount).toEqual({ amount: 1250, currency: 'EUR' });
      expect(count(CONFIRM)).toBe(1);
      expect(journalled(sandbox, a.id)).toHaveLength(1);
      const receipt = await service.receipt(a.id);
      expect(receipt.state).toBe('signed');
      if (receipt.state === 'signed') {
        expect(receipt.receipt.total).toEqual({ amount: 1250, currency: 'EUR' });
        expect(receipt.receipt.vat.map((v) => v.rate)).toEqual([20, 10]);
      }
      await until(service, a.id, () =>
        expect(events.map((e) => e.type)).toEqual(['reserved', 'confirmed', 'receipt.signed']),
      );
      expect(new Set(events.map((e) => e.key)).size).toBe(3);
    } finally {
      await service.stop();
    }
  });

  it('cancel after the order is attached: the customer accepts, no confirm is sent, the reservation is revoked', async () => {
    const service = serviceFor(sandbox);
    service.run();
    try {
      const a = await service.start(orderOf(ref()));
      const spot = await scanned(sandbox, service, a);
      const cancelled = await service.cancel(a.id);
      expect(cancelled.status).toBe('cancelled');
      sandbox.control.wallet.accept(spot);
      await until(service, a.id, (x) => expect(x.status).toBe('cancelled'));
      const checkoutDone = async () => {
        const c = sandbox.control.wallet.spot(spot);
        expect(c.ok && c.spot.status).not.toBe('waiting');
      };
      await until(service, a.id, () => {
        expect(count(REVOKE)).toBe(1);
      });
      await checkoutDone();
      expect(count(CONFIRM)).toBe(0);
      expect(journalled(sandbox, a.id)).toHaveLength(0);
      expect((await service.receipt(a.id)).state).toBe('none');
      // A new attempt for the same order is allowed after a cancel.
      const again = await service.start(orderOf(a.orderRef));
      expect(again.id).not.toBe(a.id);
      await service.cancel(again.id);
    } finally {
      await service.stop();
    }
  });

  it('attempts: the same order and amount is the same attempt; another amount is a CONFLICT', async () => {
    const service = serviceFor(sandbox);
    const orderRef = ref();
    const a = await service.start(orderOf(orderRef));
    expect((await service.start(orderOf(orderRef))).id).toBe(a.id);
    await expect(service.start(orderOf(orderRef, 1300))).rejects.toMatchObject({ code: 'CONFLICT' });
    const keyed = await service.start({ ...orderOf(ref()), idempotencyKey: 'payses_1' });
    expect((await service.start({ ...orderOf(keyed.orderRef), idempotencyKey: 'payses_1' })).id).toBe(
      keyed.id,
    );
    await expect(
      service.start({ ...orderOf(keyed.orderRef, 999), idempotencyKey: 'payses_1' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect((await service.attemptsFor(orderRef)).map((x) => x.id)).toEqual([a.id]);
    await service.cancel(a.id);
    await service.cancel(keyed.id);
    service.run();
    await until(service, a.id, (x) => expect(x.status).toBe('cancelled'));
    await service.stop();
  });

  it('replaceLive: a changed cart releases the live attempt (its reservation revoked) and starts anew; a paid order stays CONFLICT', async () => {
    const service = serviceFor(sandbox);
    service.run();
    try {
      const orderRef = ref();
      const manual = { captureMode: 'manual' as const };
      const old = await service.start({ ...orderOf(orderRef), ...manual, idempotencyKey: 'ses_1' });
      const spot = await scanned(sandbox, service, old);
      sandbox.control.wallet.accept(spot);
      await until(service, old.id, (x) => expect(x.status).toBe('reserved'));
      const next = await service.start({
        ...orderOf(orderRef, 1300),
        idempotencyKey: 'ses_2',
        replaceLive: true,
      });
      expect(next.id).not.toBe(old.id);
      expect((await service.get(old.id))?.status).toBe('cancelled');
      await until(service, old.id, () => expect(count(REVOKE)).toBe(1));
      expect(count(CONFIRM)).toBe(0);
      // The same key again is the same attempt, not another replacement.
      expect(
        (await service.start({ ...orderOf(orderRef, 1300), idempotencyKey: 'ses_2', replaceLive: true })).id,
      ).toBe(next.id);
      const nextSpot = await scanned(sandbox, service, next);
      sandbox.control.wallet.accept(nextSpot);
      await until(service, next.id, (x) => expect(x.status).toBe('confirmed'));
      await expect(
        service.start({ ...orderOf(orderRef, 1400), idempotencyKey: 'ses_3', replaceLive: true }),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
      expect((await service.attemptsFor(orderRef)).map((a) => a.status)).toEqual(['cancelled', 'confirmed']);
    } finally {
      await service.stop();
    }
  });

  it('bad input is a typed error naming the field, and stores nothing', async () => {
    const service = serviceFor(sandbox);
    const orderRef = ref();
    const bad = [
      { ...orderOf(orderRef), amount: { amount: 12.5, currency: 'EUR' } },
      { ...orderOf(orderRef), description: 'Total: 0.01 EUR \u202e' },
      { ...orderOf(orderRef), order: { lines: [] } },
      { ...orderOf(orderRef, 1300) },
    ];
    const codes = [];
    for (const input of bad)
      codes.push(
        await service.start(input).then(
          () => 'ok',
          (e: { code: string }) => e.code,
        ),
      );
    expect(codes).toEqual(['VALIDATION_FAILED', 'VALIDATION_FAILED', 'VALIDATION_FAILED', 'ok']);
    const unbalanced = { ...orderOf(ref()), amount: { amount: 1000, currency: 'EUR' } };
    await expect(service.start(unbalanced)).rejects.toMatchObject({ code: 'RECEIPT_UNBALANCED' });
    expect(await service.attemptsFor(unbalanced.orderRef)).toEqual([]);
    for (const a of await service.attemptsFor(orderRef)) await service.cancel(a.id);
    service.run();
    await service.stop();
  });

  it('jobs handed to a host queue (dispatch) run where the queue runs them, once', async () => {
    const { createMemoryCheckoutStore } = await import('../src/index.ts');
    const store = createMemoryCheckoutStore();
    const queue: import('../src/index.ts').Job[] = [];
    const ticker = serviceFor(sandbox, { store, jobs: { dispatch: async (job) => void queue.push(job) } });
    const queueWorker = serviceFor(sandbox, { store });
    ticker.run();
    try {
      const a = await ticker.start(orderOf(ref()));
      const spot = await scanned(sandbox, ticker, a);
      sandbox.control.wallet.accept(spot);
      await until(ticker, a.id, () => expect(queue.some((j) => j.kind === 'receipt.sign')).toBe(true));
      expect((await ticker.get(a.id))?.receipt).toBe('pending');
      for (const job of queue.splice(0)) await queueWorker.runJob(job);
      expect((await ticker.get(a.id))?.receipt).toBe('signed');
      expect(journalled(sandbox, a.id)).toHaveLength(1);
    } finally {
      await ticker.stop();
    }
  });
});
