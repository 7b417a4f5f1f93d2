import type { Sandbox } from '@tillkit/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eur, journalled, orderOf, sandboxFor, scanned, serviceFor, until } from './harness.ts';

// The money lifecycle through the service: manual capture for less, refunds inside the freeze window
// (one refund receipt each, replay-safe), the typed refusal outside it, and a confirm 4xx that never clears.

let sandbox: Sandbox;
let n = 0;
const ref = () => `MONEY-${++n}`;
const count = (route: string) => sandbox.control.count(route);

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

async function paid(service: ReturnType<typeof serviceFor>, cents = 1250) {
  const a = await service.start(orderOf(ref(), cents));
  const spot = await scanned(sandbox, service, a);
  expect(sandbox.control.wallet.accept(spot).ok).toBe(true);
  return a;
}

describe('money lifecycle', () => {
  it('manual capture: reserved is authorized; capture(lower) confirms once and the receipt shows what was taken', async () => {
    const service = serviceFor(sandbox, { captureMode: 'manual' });
    service.run();
    try {
      const a = await paid(service);
      await until(service, a.id, (x) => expect(x.status).toBe('reserved'));
      expect(count('PUT /rest/v1/transaction/*/confirm')).toBe(0);
      await expect(service.capture(a.id, eur(1300))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      await service.capture(a.id, eur(1000));
      const done = await until(service, a.id, (x) => expect(x.receipt).toBe('signed'));
      expect(done.capturedAmount).toEqual(eur(1000));
      expect((await service.capture(a.id)).status).toBe('confirmed');
      expect(count('PUT /rest/v1/transaction/*/confirm')).toBe(1);
      const r = await service.receipt(a.id);
      expect(r.state === 'signed' && r.receipt.total).toEqual(eur(1000));
      expect(journalled(sandbox, a.id)).toHaveLength(1);
    } finally {
      await service.stop();
    }
  });

  it('refunds inside the window: a partial refund finalizes at the lower price, a replay returns it, each signs one refund receipt', async () => {
    const service = serviceFor(sandbox, { refundWindowHours: 24 });
    service.run();
    try {
      const a = await paid(service);
      await until(service, a.id, (x) => expect(x.receipt).toBe('signed'));
      const partial = await service.refund(a.id, { idempotencyKey: 'rf-1', amount: eur(300) });
      expect(partial.status).toBe('succeeded');
      expect((await service.refund(a.id, { idempotencyKey: 'rf-1', amount: eur(300) })).id).toBe(partial.id);
      await expect(service.refund(a.id, { idempotencyKey: 'rf-1', amount: eur(301) })).rejects.toMatchObject({
        code: 'CONFLICT',
      });
      await until(service, a.id, (x) => expect(x.refundedAmount).toEqual(eur(300)));
      await until(service, a.id, async () =>
        expect((await service.refundReceipt(partial.id)).state).toBe('signed'),
      );
      expect(journalled(sandbox, partial.id)).toHaveLength(1);
      expect(count('PUT /rest/v1/payment/*/finalize')).toBe(1);
      // The partial refund settled the payment: nothing more can go back through the Wallet API.
      await expect(service.refund(a.id, { idempotencyKey: 'rf-2' })).rejects.toMatchObject({
        code: 'REFUND_NOT_SUPPORTED',
      });
      const rr = await service.refundReceipt(partial.id);
      expect(rr.state === 'signed' && rr.receipt.kind).toBe('refund');
      expect(rr.state === 'signed' && rr.receipt.total).toEqual(eur(300));

      const b = await paid(service, 900);
      await until(service, b.id, (x) => expect(x.receipt).toBe('signed'));
      const full = await service.refund(b.id, { idempotencyKey: 'rf-3' });
      expect(full.amount).toEqual(eur(900));
      expect(count('DELETE /rest/v1/payment/*')).toBe(1);
      await until(service, b.id, async () =>
        expect((await service.refundReceipt(full.id)).state).toBe('signed'),
      );
      expect(journalled(sandbox, full.id)).toHaveLength(1);
      expect((await service.refunds(b.id)).map((r) => r.status)).toEqual(['succeeded']);
    } finally {
      await service.stop();
    }
  });

  it('without a refund window a refund is a typed REFUND_NOT_SUPPORTED, never a silent success', async () => {
    const service = serviceFor(sandbox);
    service.run();
    try {
      const a = await paid(service);
      await until(service, a.id, (x) => expect(x.status).toBe('confirmed'));
      await expect(service.refund(a.id, { idempotencyKey: 'x' })).rejects.toMatchObject({
        code: 'REFUND_NOT_SUPPORTED',
      });
      expect(await service.refunds(a.id)).toEqual([]);
    } finally {
      await service.stop();
    }
  });

  it('a confirm that keeps answering 401 is capped, then the reservation is revoked and the spot closed', async () => {
    const service = serviceFor(sandbox, { maxConfirmAttempts: 3 });
    sandbox.control.faults.add({ route: 'PUT /rest/v1/transaction/*/confirm', kind: 'error', status: 401 });
    service.run();
    try {
      const a = await paid(service);
      const failed = await until(service, a.id, (x) => expect(x.status).toBe('failed'));
      expect(failed.failure?.code).toBe('UNAUTHENTICATED');
      expect(JSON.stringify(failed)).not.toContain('HTTP 401');
      await until(service, a.id, () => expect(count('DELETE /rest/v1/transaction/*')).toBe(1));
      expect(count('PUT /rest/v1/transaction/*/confirm')).toBe(3);
      expect((await service.receipt(a.id)).state).toBe('none');
    } finally {
      await service.stop();
    }
  });

  it('fiskaltrust 401, then 500, then recovered: the paid order is signed exactly once', async () => {
    const service = serviceFor(sandbox);
    sandbox.control.faults.add({ route: 'POST /v2/sign', kind: 'error', status: 401, times: 2 });
    sandbox.control.faults.add({ route: 'POST /v2/sign', kind: 'error', status: 500, times: 2 });
    service.run();
    try {
      const a = await paid(service);
      await until(service, a.id, (x) => expect(x.receipt).toBe('signed'));
      expect(journalled(sandbox, a.id)).toHaveLength(1);
    } finally {
      await service.stop();
    }
  });

  it('a fiscal error state that clears: re-sent under the next operation id, one signed receipt', async () => {
    const service = serviceFor(sandbox);
    const cashBoxId = sandbox.credentials.fiskaltrust.cashBoxId;
    sandbox.control.fiskaltrust.setState(cashBoxId, { failReceipts: true });
    service.run();
    try {
      const a = await paid(service);
      await until(service, a.id, () => expect(count('POST /v2/sign')).toBeGreaterThanOrEqual(1));
      expect((await service.get(a.id))?.receipt).toBe('pending');
      sandbox.control.fiskaltrust.setState(cashBoxId, { failReceipts: false });
      await until(service, a.id, (x) => expect(x.receipt).toBe('signed'));
      expect(journalled(sandbox, a.id)).toHaveLength(1);
    } finally {
      sandbox.control.fiskaltrust.setState(cashBoxId, { failReceipts: false });
      await service.stop();
    }
  });
});
