import { type Money, TillKitError } from '@tillkit/models';
import type { OrderLineInput, OrderSnapshot } from './types.ts';

// A host that rounds its cart total once and each line on its own (Medusa) can be a minor unit per line
// away from the total the customer pays. That difference goes into the largest line's discount, so the
// receipt adds up to the payment; anything larger means the cart changed since it was priced.

const lineTotal = (l: OrderLineInput) => l.unitPrice * l.quantity - (l.discount ?? 0);

/**
 * The snapshot with lines and shipping adding up to `amount` exactly; VALIDATION_FAILED (path `amount`)
 * when they are further off than one minor unit per line.
 */
export function balanceSnapshot(snapshot: OrderSnapshot, amount: Money): OrderSnapshot {
  const lines = snapshot.lines.map((l) => ({ ...l }));
  const shipping = (snapshot.shipping ?? []).reduce((sum, s) => sum + s.amount, 0);
  const sum = lines.reduce((total, l) => total + lineTotal(l), shipping);
  const diff = sum - amount.amount;
  if (diff === 0) return { ...snapshot, lines };
  const largest = [...lines].sort((a, b) => lineTotal(b) - lineTotal(a))[0];
  if (!largest || Math.abs(diff) > lines.length || (largest.discount ?? 0) + diff < 0) {
    throw new TillKitError(
      'VALIDATION_FAILED',
      `The order adds up to ${sum}, the payment is ${amount.amount}`,
      {
        issues: [{ path: 'amount', message: 'does not match the order; price it again' }],
      },
    );
  }
  const discount = (largest.discount ?? 0) + diff;
  if (discount > 0) largest.discount = discount;
  else delete largest.discount;
  return { ...snapshot, lines };
}
