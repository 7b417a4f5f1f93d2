import { formatSpotCode, TillKitError } from '@tillkit/models';
import type { PaymentStore } from './store.ts';
import { type Checkout, type StartCheckoutInput, unpaidStatuses } from './types.ts';

// What callers ask of a checkout between rounds (cancel, capture) is recorded on it with compare-and-set,
// never sent from here: the round that owns the checkout's lock acts on it. Whichever of a cancel and a
// confirm is recorded first wins; the other sees a changed version and reads the winner.

export function newCheckout(
  input: StartCheckoutInput,
  id: string,
  spot: { id: number; identifier: string },
  now: number,
  ttlMs: number,
): Checkout {
  return {
    id,
    orderId: input.orderId,
    locationId: input.locationId,
    spotId: spot.id,
    spotIdentifier: spot.identifier,
    qr: formatSpotCode({ locationId: input.locationId, identifier: spot.identifier }),
    amount: input.amount,
    description: input.description,
    status: 'awaiting_scan',
    captureMode: input.captureMode ?? 'automatic',
    ...(input.refundWindowHours ? { refundWindowHours: input.refundWindowHours } : {}),
    confirmAttempts: 0,
    spotClosed: false,
    createdAt: now,
    updatedAt: now,
    expiresAt: now + ttlMs,
    version: 1,
  };
}

/** Applies `change` with compare-and-set, re-reading on a lost race; `change` returns undefined for "as is". */
export async function updateCheckout(
  store: PaymentStore,
  id: string,
  change: (c: Checkout) => Checkout | undefined,
): Promise<Checkout> {
  for (let i = 0; i < 20; i++) {
    const current = await store.get(id);
    if (!current) throw new TillKitError('NOT_FOUND', 'No checkout with this id');
    const next = change(current);
    if (next === undefined) return current;
    const written = { ...next, version: current.version + 1 };
    if (await store.replace(written)) return written;
  }
  throw new TillKitError('CONFLICT', 'The checkout keeps changing; try again', { retryable: true });
}

const paid = (c: Checkout) => c.status === 'confirmed' || c.status === 'spot_closed';

export function requestCancel(c: Checkout, now: number): Checkout | undefined {
  if (c.cancelRequestedAt !== undefined || unpaidStatuses.has(c.status)) return undefined;
  if (paid(c) || c.confirmRequestedAt !== undefined)
    throw new TillKitError(
      'INVALID_STATE',
      'The payment went through first; it can be refunded, not cancelled',
    );
  return { ...c, cancelRequestedAt: now, updatedAt: now };
}

export function requestCapture(c: Checkout, amount: number | undefined, now: number): Checkout | undefined {
  if (paid(c) || c.captureRequested !== undefined) return undefined;
  if (c.status !== 'reserved' || c.cancelRequestedAt !== undefined)
    throw new TillKitError(
      'INVALID_STATE',
      `A ${c.cancelRequestedAt ? 'cancelled' : c.status} checkout cannot be captured`,
    );
  const take = amount ?? c.amount.amount;
  if (!Number.isSafeInteger(take) || take <= 0 || take > c.amount.amount)
    throw new TillKitError(
      'VALIDATION_FAILED',
      `capture amount must be a whole number from 1 to ${c.amount.amount}`,
      {
        issues: [{ path: 'amount', message: 'must be ≤ the reserved amount' }],
      },
    );
  return { ...c, captureRequested: { at: now, amount: take }, updatedAt: now };
}
