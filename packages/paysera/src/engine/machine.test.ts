import { describe, expect, it } from 'vitest';
import { canTransition, isLive, nextStep } from './machine.ts';
import { baseCheckout, checkoutAt } from './testing/checkout-fixture.ts';

const base = baseCheckout;
const at = checkoutAt;

describe('nextStep', () => {
  it('creates the transaction before anything else', () => {
    expect(nextStep(base, { now: 0 })).toEqual({ kind: 'create_transaction' });
  });

  it('waits for the scan once the transaction exists', () => {
    expect(nextStep(at({ transactionKey: 'k' }), { now: 1 })).toEqual({ kind: 'wait' });
  });

  it('attaches the order when the spot is seen waiting', () => {
    expect(nextStep(at({ transactionKey: 'k' }), { now: 1, spotWaiting: true })).toEqual({
      kind: 'attach_order',
    });
  });

  it('moves an attached order to reserved when the transaction is reserved', () => {
    expect(
      nextStep(at({ transactionKey: 'k', status: 'order_attached' }), {
        now: 1,
        transactionStatus: 'reserved',
      }),
    ).toEqual({
      kind: 'mark',
      status: 'reserved',
    });
  });

  it('confirms a reserved transaction that was never confirmed', () => {
    expect(nextStep(at({ transactionKey: 'k', status: 'reserved' }), { now: 1 })).toEqual({
      kind: 'confirm',
    });
  });

  it('reads the transaction instead of confirming again when a confirm was already sent', () => {
    const c = at({ transactionKey: 'k', status: 'reserved', confirmRequestedAt: 5 });
    expect(nextStep(c, { now: 6 })).toEqual({ kind: 'verify_confirm' });
    expect(nextStep(c, { now: 6, transactionStatus: 'confirmed' })).toEqual({
      kind: 'mark',
      status: 'confirmed',
    });
  });

  it('reads the transaction instead of confirming again when an older observation still says reserved', () => {
    const c = at({ transactionKey: 'k', status: 'reserved', confirmRequestedAt: 5 });
    expect(nextStep(c, { now: 6, transactionStatus: 'reserved' })).toEqual({ kind: 'verify_confirm' });
  });

  it('closes the spot after confirming, and after every unhappy end', () => {
    expect(nextStep(at({ status: 'confirmed', transactionKey: 'k' }), { now: 1 })).toEqual({
      kind: 'close_spot',
    });
    for (const status of ['expired', 'rejected', 'failed'] as const) {
      expect(nextStep(at({ status }), { now: 1 })).toEqual({ kind: 'close_spot' });
      expect(nextStep(at({ status, spotClosed: true }), { now: 1 })).toEqual({ kind: 'done' });
    }
  });

  it('expires an unpaid checkout after its deadline', () => {
    expect(nextStep(at({ transactionKey: 'k', status: 'order_attached' }), { now: 1000 })).toEqual({
      kind: 'expire',
    });
    expect(nextStep(base, { now: 1000 })).toEqual({ kind: 'mark', status: 'expired' });
  });

  it('prefers a reservation over the deadline: a shopper who paid is confirmed', () => {
    expect(
      nextStep(at({ transactionKey: 'k', status: 'order_attached' }), {
        now: 5000,
        transactionStatus: 'reserved',
      }),
    ).toEqual({
      kind: 'mark',
      status: 'reserved',
    });
  });

  it('turns a rejected, revoked or failed transaction into the matching end', () => {
    const c = at({ transactionKey: 'k', status: 'order_attached' });
    // The customer's side ended it: nothing is held, so no revoke follows.
    expect(nextStep(c, { now: 1, transactionStatus: 'rejected' })).toEqual({
      kind: 'mark',
      status: 'rejected',
      released: true,
    });
    expect(nextStep(c, { now: 1, transactionStatus: 'revoked' })).toEqual({
      kind: 'mark',
      status: 'rejected',
      released: true,
    });
    expect(nextStep(c, { now: 1, transactionStatus: 'failed' })).toEqual({
      kind: 'mark',
      status: 'failed',
      released: true,
    });
  });

  it('is done once the spot is closed after a confirmation', () => {
    expect(nextStep(at({ status: 'spot_closed', spotClosed: true }), { now: 1 })).toEqual({ kind: 'done' });
  });
});

describe('transitions', () => {
  it('allows the happy path in order and nothing out of a settled state', () => {
    expect(canTransition('awaiting_scan', 'order_attached')).toBe(true);
    expect(canTransition('order_attached', 'reserved')).toBe(true);
    expect(canTransition('reserved', 'confirmed')).toBe(true);
    expect(canTransition('confirmed', 'spot_closed')).toBe(true);
    expect(canTransition('confirmed', 'rejected')).toBe(false);
    expect(canTransition('spot_closed', 'confirmed')).toBe(false);
    expect(canTransition('expired', 'rejected')).toBe(false);
    expect(canTransition('cancelled', 'reserved')).toBe(false);
    // An unpaid end moves only when the Wallet shows the money taken after all (so it gets its receipt).
    expect(canTransition('expired', 'confirmed')).toBe(true);
  });

  it('keeps an unhappy checkout live until its spot is closed', () => {
    expect(isLive(at({ status: 'rejected' }))).toBe(true);
    expect(isLive(at({ status: 'rejected', spotClosed: true }))).toBe(false);
    expect(isLive(at({ status: 'spot_closed', spotClosed: true }))).toBe(false);
  });
});
