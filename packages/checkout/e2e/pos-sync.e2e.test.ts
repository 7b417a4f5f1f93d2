import { createPosClient } from '@tillkit/paysera';
import type { Sandbox } from '@tillkit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderOf, sandboxFor, scanned, serviceFor, until } from './harness.ts';

// Paysera POS sync with faults on the POS API: every paid attempt appears exactly once among the POS
// orders, completed, and its POS order id is kept with the signed receipt.

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await sandboxFor(6);
});
afterAll(async () => {
  await sandbox.close();
});

describe('Paysera POS sync', () => {
  it('records each paid order exactly once, completed, through dropped answers, 503s and 429s', async () => {
    const client = createPosClient({
      token: sandbox.credentials.pos.token,
      baseUrl: sandbox.urls.pos,
      retry: { limit: 0 },
    });
    const service = serviceFor(sandbox, { pos: { client } });
    sandbox.control.faults.add({ route: 'POST /eapi/v1/orders', kind: 'drop-after-commit', times: 1 });
    sandbox.control.faults.add({
      route: 'POST /eapi/v1/orders/*/complete',
      kind: 'error',
      status: 503,
      times: 2,
    });
    sandbox.control.faults.add({
      route: 'GET /eapi/v1/orders',
      kind: 'rate-limit',
      retryAfterSeconds: 0,
      times: 1,
    });
    service.run();
    try {
      const ids: string[] = [];
      for (const ref of ['POS-1', 'POS-2', 'POS-3']) {
        const a = await service.start(orderOf(ref));
        const spot = await scanned(sandbox, service, a);
        expect(sandbox.control.wallet.accept(spot).ok).toBe(true);
        ids.push(a.id);
      }
      for (const id of ids) {
        await until(service, id, async () => {
          const r = await service.receipt(id);
          expect(r.state === 'signed' && r.receipt.pos?.orderId).toBeTruthy();
        });
      }
      const all = [];
      for await (const o of await client.listOrders({ numbers: ids })) all.push(o);
      expect(all.map((o) => o.number).sort()).toEqual([...ids].sort());
      expect(all.every((o) => o.status === 'completed')).toBe(true);
      for (const id of ids) {
        const r = await service.receipt(id);
        expect(r.state === 'signed' && r.receipt.pos?.orderId).toBe(all.find((o) => o.number === id)?.id);
      }
    } finally {
      await service.stop();
    }
  });
});
