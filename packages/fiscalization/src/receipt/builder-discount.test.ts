import { ChargeItemFlag, isTillKitError } from '@tillkit/models';
import { describe, expect, it } from 'vitest';
import { buildReceipt } from './builder.ts';

const cashBoxId = '6f1b8a2e-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
const moment = '2026-11-23T10:00:00.000Z';
const flags = (code: number) => BigInt(code) & 0xffff_0000n;

describe('buildReceipt: line discounts', () => {
  it('signs a discount as its own negative charge item at the line VAT, flagged, and balances on the net', () => {
    const r = buildReceipt(
      {
        id: 'o-d',
        moment,
        lines: [
          { description: 'Tea', quantity: 3, unitPrice: 350, vatRate: 10, discount: 105 },
          { description: 'Cake', quantity: 1, unitPrice: 400, vatRate: 20 },
        ],
        payments: [{ method: 'online', amount: 1345 }],
      },
      { country: 'AT', cashBoxId },
    );
    expect(r.cbChargeItems.map((c) => [c.Description, c.Amount, c.VATRate, c.Position])).toEqual([
      ['Tea', 10.5, 10, 1],
      ['Discount: Tea', -1.05, 10, 2],
      ['Cake', 4, 20, 3],
    ]);
    const [tea, discount] = r.cbChargeItems;
    expect(flags(Number(tea?.ftChargeItemCase)) & ChargeItemFlag.DiscountOrExtra).toBe(0n);
    expect(flags(Number(discount?.ftChargeItemCase)) & ChargeItemFlag.DiscountOrExtra).toBe(
      ChargeItemFlag.DiscountOrExtra,
    );
    expect(r.cbReceiptAmount).toBe(13.45);
  });

  it('refuses a discount larger than its line, naming the field', () => {
    try {
      buildReceipt(
        {
          id: 'o-x',
          moment,
          lines: [{ description: 'Tea', quantity: 1, unitPrice: 100, vatRate: 10, discount: 101 }],
          payments: [{ method: 'online', amount: 0 }],
        },
        { country: 'AT', cashBoxId },
      );
      expect.unreachable();
    } catch (e) {
      expect(isTillKitError(e) && e.issues?.[0]?.path).toBe('lines.0.discount');
    }
  });
});
