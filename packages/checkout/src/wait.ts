import { ErrorCode, type Money, TillKitError } from '@tillkit/models';
import type { CheckoutService, PaymentAttempt, Refund, RefundInput } from './types.ts';

// For hosts whose capture and refund calls must return the outcome (Medusa records a capture or refund as
// done when its provider call returns): the call, then a wait for whoever finishes it (the ticker sends a
// capture's confirm, perhaps in another process; a concurrent refund with the same key is still in flight).
// Running out of time is a retryable error, and repeating the call with the same input is safe.

/** How long to wait, and how often to look. */
export interface WaitOptions {
  /** @default 20000 */
  timeoutMs?: number;
  /** @default 200 */
  intervalMs?: number;
}

async function settled<T>(read: () => Promise<T>, done: (value: T) => boolean, o: WaitOptions): Promise<T> {
  const end = Date.now() + (o.timeoutMs ?? 20_000);
  let value = await read();
  while (!done(value) && Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, o.intervalMs ?? 200));
    value = await read();
  }
  return value;
}

const stillRunning = (what: string) =>
  new TillKitError('UPSTREAM_UNAVAILABLE', `The ${what} is still in flight; retry`, { retryable: true });

/**
 * Captures a reserved attempt (optionally for less) and waits until it is confirmed. A confirmed attempt
 * is returned at once. INVALID_STATE when it ended unpaid instead.
 */
export async function captureAndWait(
  service: CheckoutService,
  attemptId: string,
  amount?: Money,
  options: WaitOptions = {},
): Promise<PaymentAttempt> {
  await service.capture(attemptId, amount);
  const attempt = await settled(
    () => service.get(attemptId),
    (a) => a?.status !== 'reserved',
    options,
  );
  if (attempt?.status === 'confirmed') return attempt;
  if (attempt?.status === 'reserved') throw stillRunning('capture');
  throw new TillKitError('INVALID_STATE', `Not captured: the attempt is ${attempt?.status ?? 'gone'}`);
}

/**
 * Refunds and waits until the refund succeeded (once per idempotency key, as `refund`). A failed refund
 * throws its failure code when it is a TillKit code (REFUND_NOT_SUPPORTED), else INVALID_STATE.
 */
export async function refundAndWait(
  service: CheckoutService,
  attemptId: string,
  input: RefundInput,
  options: WaitOptions = {},
): Promise<Refund> {
  const { id } = await service.refund(attemptId, input);
  const refund = await settled(
    async () => (await service.refunds(attemptId)).find((r) => r.id === id),
    (r) => r?.status !== 'pending',
    options,
  );
  if (refund?.status === 'succeeded') return refund;
  if (refund?.status === 'pending') throw stillRunning('refund');
  const code = refund?.failure?.code;
  throw new TillKitError(
    code !== undefined && code in ErrorCode ? (code as ErrorCode) : 'INVALID_STATE',
    refund?.failure?.message ?? 'The refund failed',
  );
}
