import type { Checkout } from '@tillkit/paysera';
import type { TransitionHook } from './engine-store.ts';
import { posSyncJob, signJob } from './receipts/sign-jobs.ts';
import { type AttemptRecord, isPaid, type ServiceContext } from './records.ts';
import type { NewEvent } from './store/port.ts';
import type { CheckoutEventType } from './types.ts';

const unpaid = new Set(['expired', 'rejected', 'failed', 'cancelled']);

/**
 * The outbox: what a checkout's status change records in the same commit as the change itself. A payment
 * seen confirmed, by any process, records its receipt job there, so it can never be paid and forgotten.
 */
export function outboxHook(ctx: Pick<ServiceContext, 'store' | 'clock'>, posSync: boolean): TransitionHook {
  return async (previous: Checkout, next: Checkout) => {
    const attempt = (await ctx.store.get<AttemptRecord>('attempts', next.id))?.value;
    const now = ctx.clock();
    const event = (type: CheckoutEventType, data: Record<string, unknown>): NewEvent => ({
      key: `${next.id}:${type}`,
      type,
      attemptId: next.id,
      orderRef: attempt?.orderRef ?? next.orderId,
      at: now,
      data,
    });
    const money = (amount: number) => ({ amount, currency: next.amount.currency });
    if (isPaid(next) && !isPaid(previous)) {
      const captured = next.capturedAmount ?? next.amount.amount;
      return {
        events: [
          event('confirmed', { amount: money(captured), captureMode: next.captureMode ?? 'automatic' }),
        ],
        // A checkout without an attempt (a start that crashed before recording it) was never shown to anyone.
        jobs: attempt
          ? [
              signJob('sale', next.id, new Date(now).toISOString(), now),
              ...(posSync ? [posSyncJob(next.id, now)] : []),
            ]
          : [],
      };
    }
    if (next.status === 'reserved' && previous.status !== 'reserved')
      return { events: [event('reserved', { amount: money(next.amount.amount) })] };
    if (next.status === 'cancelled' && previous.status !== 'cancelled')
      return { events: [event('cancelled', {})] };
    if (unpaid.has(next.status) && !unpaid.has(previous.status))
      return {
        events: [
          event('released', { status: next.status, ...(next.failure ? { code: next.failure.code } : {}) }),
        ],
      };
    return {};
  };
}
