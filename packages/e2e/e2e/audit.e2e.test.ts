import { createFiscalClient } from '@tillkit/fiscalization';
import { createWalletClient } from '@tillkit/paysera';
import { type Sandbox, startSandbox } from '@tillkit/sandbox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditSandbox } from '../src/chaos/audit.ts';

// The chaos run is only as good as its counting: these cases leave exactly the bad states it must see.

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox({ port: 0, seed: { wallet: { spots: 2 } } });
});
afterEach(() => sandbox.close());

const wallet = () => {
  const { macId, macKey, projectId } = sandbox.credentials.wallet;
  return createWalletClient({ credentials: { macId, macKey }, baseUrl: sandbox.urls.wallet, projectId });
};

async function attachedTransaction(checkoutid: string, spotIndex = 0) {
  const w = wallet();
  const spot = sandbox.credentials.wallet.spots[spotIndex];
  if (!spot) throw new Error('no spot');
  const tx = await w.createTransaction({
    payments: [{ description: 'x', price: 500, currency: 'EUR', parameters: { orderid: 'o', checkoutid } }],
  });
  expect(sandbox.control.wallet.scan(spot.code).ok).toBe(true);
  await w.attachOrder(spot.id, tx.transaction_key);
  return { w, spot, key: tx.transaction_key };
}

describe('chaos audit (counted from the sandbox)', () => {
  it('a clean sandbox counts zeros', () => {
    expect(auditSandbox(sandbox)).toEqual({
      doubleConfirms: 0,
      doubleSigns: 0,
      heldReservations: 0,
      openSpots: 0,
      lostReceipts: 0,
    });
  });

  it('a reservation left, its spot left open, then confirmed with no receipt: each is counted', async () => {
    const { w, spot, key } = await attachedTransaction('att_1');
    sandbox.control.wallet.accept(spot.id);
    expect(auditSandbox(sandbox)).toMatchObject({ heldReservations: 1, openSpots: 1, lostReceipts: 0 });
    await w.confirmTransaction(key);
    expect(auditSandbox(sandbox)).toMatchObject({ heldReservations: 0, openSpots: 1, lostReceipts: 1 });
    await w.closeSpot(spot.id);
    expect(auditSandbox(sandbox)).toMatchObject({ openSpots: 0, lostReceipts: 1 });
  });

  it('two confirmed transactions for one attempt count as a double confirm', async () => {
    for (const i of [0, 1]) {
      const { w, spot, key } = await attachedTransaction('att_2', i);
      sandbox.control.wallet.accept(spot.id);
      await w.confirmTransaction(key);
    }
    expect(auditSandbox(sandbox).doubleConfirms).toBe(1);
  });

  it('two signed receipts with one attempt reference count as a double sign', async () => {
    const f = sandbox.credentials.fiskaltrust;
    const fiscal = createFiscalClient({
      baseUrl: sandbox.url,
      cashBoxId: f.cashBoxId,
      accessToken: f.accessToken,
    });
    const receipt = {
      cbReceiptReference: 'att_3',
      cbReceiptMoment: new Date().toISOString(),
      ftReceiptCase: 0x4154_2000_0000_0001n,
      cbChargeItems: [],
      cbPayItems: [],
    };
    await fiscal.sign(receipt);
    await fiscal.sign(receipt);
    expect(auditSandbox(sandbox).doubleSigns).toBe(1);
  });
});
