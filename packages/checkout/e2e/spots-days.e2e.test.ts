import type { Sandbox } from '@tillkit/sandbox';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { orderOf, sandboxFor, serviceFor, waitOpts } from './harness.ts';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await sandboxFor(4);
});
afterAll(async () => {
  await sandbox.close();
});

const status = (spotId: number) => {
  const s = sandbox.control.wallet.spot(spotId);
  return s.ok ? s.spot.status : 'unknown';
};

describe('spots nobody checks out, and the daily closing', () => {
  it('closes a spot scanned and left with no attempt after the grace period, never one with a live attempt', async () => {
    const service = serviceFor(sandbox, { spotReclaim: { graceMs: 300, intervalMs: 100 } });
    const [left, used] = sandbox.credentials.wallet.spots;
    if (!left || !used) throw new Error('seed has two spots');
    service.run();
    try {
      const a = await service.start({ ...orderOf('SPOT-1'), spotId: used.id });
      expect(sandbox.control.wallet.scan(left.code).ok).toBe(true);
      expect(sandbox.control.wallet.scan(a.qrPayload).ok).toBe(true);
      await vi.waitFor(() => expect(status(left.id)).not.toBe('waiting'), waitOpts);
      expect(sandbox.control.count('DELETE /rest/v1/spot/*')).toBe(1);
      expect((await service.get(a.id))?.status).toBe('order_attached');
      await service.cancel(a.id);
    } finally {
      await service.stop();
    }
  });

  it('signs the daily closing once per day, as a durable job', async () => {
    const service = serviceFor(sandbox, { spotReclaim: false });
    const before = sandbox.control.count('POST /v2/sign');
    await service.closeDay('2026-12-01');
    await service.closeDay('2026-12-01');
    await expect(service.closeDay('yesterday')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    service.run();
    try {
      const journal = () =>
        sandbox.control.fiskaltrust
          .journal(sandbox.credentials.fiskaltrust.cashBoxId)
          .receipts.filter((r) => r.cbReceiptReference === 'Z-2026-12-01');
      await vi.waitFor(() => expect(journal()).toHaveLength(1), waitOpts);
      expect(sandbox.control.count('POST /v2/sign') - before).toBe(1);
    } finally {
      await service.stop();
    }
  });
});
