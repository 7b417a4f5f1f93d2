import { type FiscalOrder, lineTotal, type OrderLine } from '@tillkit/fiscalization';
import type { OrderSnapshot } from '../types.ts';

// From the order snapshot taken at payment to the fiscal order a receipt is built from. Only integer
// arithmetic on minor units; an amount taken off (a lower capture, a partial refund) is spread over the
// lines in proportion to what each line costs, so every VAT rate carries its share exactly.

/** The sale's lines: the order's lines, then shipping as service lines. */
export function saleLines(order: OrderSnapshot): OrderLine[] {
  return [
    ...order.lines.map((l) => ({ ...l })),
    ...(order.shipping ?? []).map((s) => ({
      description: s.description,
      quantity: 1,
      unitPrice: s.amount,
      vatRate: s.vatRate,
      kind: 'service' as const,
    })),
  ];
}

/** What a line costs after its discount, in minor units. */
export const netOf = (l: OrderLine): number => lineTotal(l.quantity, l.unitPrice) - (l.discount ?? 0);

export const totalOf = (lines: readonly OrderLine[]): number => lines.reduce((sum, l) => sum + netOf(l), 0);

/** Splits `amount` over `weights` in proportion, exactly (largest remainder), so the parts add up to `amount`. */
export function allocate(amount: number, weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0) return weights.map(() => 0);
  const parts = weights.map((w) => Math.floor((amount * w) / total));
  let left = amount - parts.reduce((a, b) => a + b, 0);
  const byRemainder = weights
    .map((w, i) => ({ i, r: (amount * w) % total }))
    .sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left--;
  }
  return parts;
}

/** The lines with `reduction` taken off as extra discounts (a capture lower than the order). */
export function reduceLines(lines: readonly OrderLine[], reduction: number): OrderLine[] {
  if (reduction <= 0) return lines.map((l) => ({ ...l }));
  const cuts = allocate(reduction, lines.map(netOf));
  return lines.map((l, i) => {
    const discount = (l.discount ?? 0) + (cuts[i] ?? 0);
    return discount > 0 ? { ...l, discount } : { ...l };
  });
}

/** The sale receipt's order: what was captured, paid online through Paysera. */
export function saleOrder(input: {
  reference: string;
  moment: string;
  currency: string;
  order: OrderSnapshot;
  captured: number;
}): FiscalOrder {
  const lines = saleLines(input.order);
  const reduced = reduceLines(lines, totalOf(lines) - input.captured);
  return {
    id: input.reference,
    reference: input.reference,
    moment: input.moment,
    currency: input.currency,
    lines: reduced,
    payments: [{ method: 'online', amount: input.captured, description: 'Paysera scan-and-pay' }],
  };
}

/**
 * A refund receipt's order for `amount` of a sale: the whole sale's lines when all of it is returned,
 * otherwise one refund line per sale line carrying its share (at that line's VAT rate).
 */
export function refundOrder(input: {
  reference: string;
  previousReference: string;
  moment: string;
  currency: string;
  saleLines: readonly OrderLine[];
  amount: number;
}): FiscalOrder {
  const full = totalOf(input.saleLines) === input.amount;
  const shares = allocate(input.amount, input.saleLines.map(netOf));
  const lines: OrderLine[] = full
    ? input.saleLines.map((l) => ({ ...l }))
    : input.saleLines.flatMap((l, i) =>
        (shares[i] ?? 0) > 0
          ? [
              {
                description: `Refund: ${l.description}`.slice(0, 1023),
                quantity: 1,
                unitPrice: shares[i] ?? 0,
                vatRate: l.vatRate,
                ...(l.kind ? { kind: l.kind } : {}),
              },
            ]
          : [],
      );
  return {
    id: input.reference,
    reference: input.reference,
    moment: input.moment,
    currency: input.currency,
    lines,
    payments: [{ method: 'online', amount: input.amount, description: 'Paysera scan-and-pay refund' }],
    refund: { previousReference: input.previousReference },
  };
}
