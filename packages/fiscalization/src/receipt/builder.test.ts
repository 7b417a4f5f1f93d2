import { fromDecimal, isTillKitError, ReceiptRequest, stringifyJsonLossless } from '@tillkit/models';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serializeReceiptRequest } from '../sign.ts';
import { buildReceipt, buildSpecialReceipt } from './builder.ts';
import type { FiscalOrder } from './order.ts';
import { type ReceiptCountry, supportedVatRates } from './vat.ts';

const cashBoxId = '6f1b8a2e-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
const moment = '2026-11-23T10:00:00.000Z';
const countries: ReceiptCountry[] = ['AT', 'DE', 'IT'];

function sumMinor(amounts: number[]): number {
  return amounts.reduce((t, a) => t + fromDecimal(a, 'EUR'), 0);
}

function thrownCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isTillKitError(error) ? error.code : 'NOT_A_TILLKIT_ERROR';
  }
  return undefined;
}

/** Orders whose payments are an arbitrary split of the exact line total. */
function balancedOrder(country: ReceiptCountry) {
  const line = fc.record({
    description: fc.string({ minLength: 1, maxLength: 20 }),
    quantity: fc.integer({ min: 1, max: 50 }),
    unitPrice: fc.integer({ min: 0, max: 1_000_000 }),
    vatRate: fc.constantFrom(...supportedVatRates(country)),
    kind: fc.constantFrom('goods' as const, 'service' as const),
  });
  return fc
    .tuple(
      fc.array(line, { minLength: 1, maxLength: 8 }),
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 0, maxLength: 3 }),
      fc.boolean(),
    )
    .map(([lines, cuts, refund]): FiscalOrder => {
      const total = lines.reduce((t, l) => t + l.quantity * l.unitPrice, 0);
      const points = cuts.map((c) => Math.floor(c * total)).sort((a, b) => a - b);
      const bounds = [0, ...points, total];
      const methods = ['cash', 'card', 'online', 'voucher'] as const;
      const payments = bounds
        .slice(1)
        .map((b, i) => ({ method: methods[i % 4] ?? 'cash', amount: b - (bounds[i] ?? 0) }));
      return {
        id: 'o-1',
        moment,
        lines,
        payments,
        ...(refund ? { refund: { previousReference: 'o-0' } } : {}),
      };
    });
}

describe('buildReceipt', () => {
  for (const country of countries) {
    it(`produces a ${country} request whose charge total equals its pay total to the cent for any balanced order`, () => {
      fc.assert(
        fc.property(balancedOrder(country), (order) => {
          const request = buildReceipt(order, { country, cashBoxId });
          const charge = sumMinor(request.cbChargeItems.map((c) => Number(c.Amount)));
          const pay = sumMinor(request.cbPayItems.map((p) => Number(p.Amount)));
          // `+ 0` turns the -0 of an empty refund into 0: amounts are compared as values, not IEEE signs.
          const expected =
            order.lines.reduce((t, l) => t + l.quantity * l.unitPrice, 0) * (order.refund ? -1 : 1) + 0;
          expect(charge).toBe(pay);
          expect(charge).toBe(expected);
          expect(ReceiptRequest.safeParse(request).success).toBe(true);
          // Signing skips re-parsing a built request: its bytes must be those of the parsed form.
          expect(serializeReceiptRequest(request)).toBe(stringifyJsonLossless(ReceiptRequest.parse(request)));
        }),
        { numRuns: 150 },
      );
    });
  }

  it('refuses any order whose payments miss the total by even one cent', () => {
    fc.assert(
      fc.property(balancedOrder('AT'), fc.constantFrom(-1, 1), (order, delta) => {
        const payments = order.payments.map((p, i) => (i === 0 ? { ...p, amount: p.amount + delta } : p));
        fc.pre((payments[0]?.amount ?? 0) >= 0);
        expect(thrownCode(() => buildReceipt({ ...order, payments }, { country: 'AT', cashBoxId }))).toBe(
          'RECEIPT_UNBALANCED',
        );
      }),
      { numRuns: 50 },
    );
  });

  it('writes the AT VAT classes, service types and pay types as v2 codes without the country prefix', () => {
    const request = buildReceipt(
      {
        id: 'R-0001',
        moment,
        lines: [
          { description: 'Item 1', quantity: 1, unitPrice: 2000, vatRate: 20 },
          { description: 'Item 2', quantity: 2, unitPrice: 1000, vatRate: 10 },
          { description: 'Repair', quantity: 1, unitPrice: 500, vatRate: 13, kind: 'service' },
        ],
        payments: [
          { method: 'cash', amount: 4000 },
          { method: 'card', amount: 500 },
        ],
      },
      { country: 'AT', cashBoxId, terminalId: 'T1' },
    );
    expect(request.cbChargeItems.map((c) => c.ftChargeItemCase)).toEqual([
      0x2000_0000_0013, 0x2000_0000_0011, 0x2000_0000_0022,
    ]);
    expect(request.cbPayItems.map((p) => p.ftPayItemCase)).toEqual([0x2000_0000_0001, 0x2000_0000_0005]);
    expect(request.ftReceiptCase).toBe(35184372088833);
    expect(request.cbChargeItems.map((c) => c.Amount)).toEqual([20, 20, 5]);
    expect(stringifyJsonLossless(request)).toContain('"cbTerminalID":"T1"');
  });

  it('maps the DE and IT rate tables and rejects a rate the country does not have', () => {
    const line = (vatRate: number) => ({ description: 'x', quantity: 1, unitPrice: 100, vatRate });
    const order = (vatRate: number): FiscalOrder => ({
      id: 'o',
      moment,
      lines: [line(vatRate)],
      payments: [{ method: 'cash', amount: 100 }],
    });
    expect(buildReceipt(order(7), { country: 'DE', cashBoxId }).cbChargeItems[0]?.ftChargeItemCase).toBe(
      0x2000_0000_0011,
    );
    expect(buildReceipt(order(4), { country: 'IT', cashBoxId }).cbChargeItems[0]?.ftChargeItemCase).toBe(
      0x2000_0000_0014,
    );
    expect(buildReceipt(order(5), { country: 'IT', cashBoxId }).cbChargeItems[0]?.ftChargeItemCase).toBe(
      0x2000_0000_0012,
    );
    expect(thrownCode(() => buildReceipt(order(20), { country: 'DE', cashBoxId }))).toBe('VALIDATION_FAILED');
    expect(thrownCode(() => buildReceipt(order(19), { country: 'AT', cashBoxId }))).toBe('VALIDATION_FAILED');
  });

  it('marks a refund with the refund flags, negative amounts and the previous reference', () => {
    const request = buildReceipt(
      {
        id: 'o-2',
        moment,
        lines: [{ description: 'Tea', quantity: 2, unitPrice: 350, vatRate: 10 }],
        payments: [{ method: 'online', amount: 700 }],
        refund: { previousReference: 'o-1' },
      },
      { country: 'AT', cashBoxId },
    );
    expect(request.ftReceiptCase).toBe(0x2000_0100_0001);
    expect(request.cbPreviousReceiptReference).toBe('o-1');
    expect(request.cbChargeItems[0]).toMatchObject({
      Quantity: -2,
      Amount: -7,
      ftChargeItemCase: 0x2000_0002_0011,
    });
    expect(request.cbPayItems[0]).toMatchObject({ Amount: -7, ftPayItemCase: 0x2000_0002_0007 });
  });

  it('rounds a fractional quantity times the unit price to the cent exactly', () => {
    const request = buildReceipt(
      {
        id: 'o',
        moment,
        lines: [{ description: 'Cheese', quantity: 0.335, unitPrice: 1999, vatRate: 10 }],
        payments: [{ method: 'cash', amount: 670 }],
      },
      { country: 'AT', cashBoxId },
    );
    expect(request.cbChargeItems[0]?.Amount).toBe(6.7);
  });

  it('refuses amounts given as decimals instead of minor units', () => {
    const order: FiscalOrder = {
      id: 'o',
      moment,
      lines: [{ description: 'x', quantity: 1, unitPrice: 9.99, vatRate: 20 }],
      payments: [{ method: 'cash', amount: 9.99 }],
    };
    expect(thrownCode(() => buildReceipt(order, { country: 'AT', cashBoxId }))).toBe('VALIDATION_FAILED');
  });
});

describe('buildSpecialReceipt', () => {
  it('builds start, zero and daily-closing receipts with no items', () => {
    const ctx = { country: 'AT' as const, cashBoxId };
    const cases = (['start', 'zero', 'daily-closing'] as const).map((k) =>
      buildSpecialReceipt(k, { reference: `${k}-1`, moment }, ctx),
    );
    expect(cases.map((c) => c.ftReceiptCase)).toEqual([0x2000_0000_4001, 0x2000_0000_2000, 0x2000_0000_2011]);
    for (const c of cases) {
      expect(c).toMatchObject({ cbChargeItems: [], cbPayItems: [], ftCashBoxID: cashBoxId });
      expect(serializeReceiptRequest(c)).toBe(stringifyJsonLossless(ReceiptRequest.parse(c)));
    }
  });
});

describe('built requests', () => {
  const order: FiscalOrder = {
    id: 'o-1',
    moment,
    lines: [{ description: 'Tea', quantity: 1, unitPrice: 300, vatRate: 10 }],
    payments: [{ method: 'cash', amount: 300 }],
  };

  it('are frozen, so they stay exactly as validated until they are signed', () => {
    const request = buildReceipt(order, { country: 'AT', cashBoxId });
    expect(() => {
      (request as { cbReceiptReference: string }).cbReceiptReference = '';
    }).toThrow(TypeError);
    expect(() => request.cbChargeItems.push(request.cbChargeItems[0] as never)).toThrow(TypeError);
    expect(request.cbReceiptReference).toBe('o-1');
  });

  it('are the only ones serialised without validation: an edited copy is checked again', () => {
    const request = buildReceipt(order, { country: 'AT', cashBoxId });
    const edited = { ...request, cbReceiptReference: '' };
    expect(thrownCode(() => serializeReceiptRequest(edited))).toBe('VALIDATION_FAILED');
  });
});
