import { describe, expect, it } from 'vitest';
import { defaultLimits, isLive, nextStep } from './machine.ts';
import { checkoutAt } from './testing/checkout-fixture.ts';

// The money rules of the machine: a cancel recorded first wins over a confirm, manual capture waits for
// capture(), and every unpaid end releases what the transaction holds before the spot is closed.

const at = checkoutAt;

describe('cancel', () => {
  it('ends a checkout without a transaction at once, and revokes one that has a transaction', () => {
    expect(nextStep(at({ cancelRequestedAt: 5 }), { now: 6 })).toEqual({ kind: 'mark', status: 'cancelled' });
    expect(
      nextStep(at({ transactionKey: 'k', status: 'order_attached', cancelRequestedAt: 5 }), { now: 6 }),
    ).toEqual({ kind: 'revoke', status: 'cancelled' });
  });

  it('revokes a reservation instead of confirming it when the cancel was recorded first', () => {
    const c = at({ transactionKey: 'k', status: 'reserved', cancelRequestedAt: 5 });
    expect(nextStep(c, { now: 6 })).toEqual({ kind: 'revoke', status: 'cancelled' });
  });

  it('lets a confirm recorded first win: the checkout verifies it, never revokes', () => {
    const c = at({ transactionKey: 'k', status: 'reserved', confirmRequestedAt: 4, cancelRequestedAt: 5 });
    expect(nextStep(c, { now: 6 })).toEqual({ kind: 'verify_confirm' });
  });

  it('sees a payment that raced the cancel and won upstream as confirmed', () => {
    const c = at({ transactionKey: 'k', status: 'order_attached', cancelRequestedAt: 5 });
    expect(nextStep(c, { now: 6, transactionStatus: 'confirmed' })).toEqual({
      kind: 'mark',
      status: 'confirmed',
    });
  });
});

describe('manual capture', () => {
  const reserved = at({ transactionKey: 'k', status: 'reserved', captureMode: 'manual', reservedAt: 100 });

  it('holds a reservation until capture() is recorded, then confirms', () => {
    expect(nextStep(reserved, { now: 200 })).toEqual({ kind: 'wait' });
    expect(nextStep({ ...reserved, captureRequested: { at: 300, amount: 2000 } }, { now: 301 })).toEqual({
      kind: 'confirm',
    });
  });

  it('releases an authorization nobody captured within the authorization TTL', () => {
    expect(nextStep(reserved, { now: 100 + defaultLimits.authorizationTtlMs })).toEqual({
      kind: 'revoke',
      status: 'expired',
    });
  });

  it('confirms at once in automatic mode (and for older records without a mode)', () => {
    expect(nextStep(at({ transactionKey: 'k', status: 'reserved' }), { now: 1 })).toEqual({
      kind: 'confirm',
    });
  });
});

describe('unpaid ends release the money before the spot is closed', () => {
  it('revokes the transaction of a failed or cancelled checkout that still holds it', () => {
    for (const status of ['failed', 'cancelled', 'expired'] as const) {
      expect(nextStep(at({ status, transactionKey: 'k' }), { now: 1 })).toEqual({ kind: 'release' });
      expect(isLive(at({ status, transactionKey: 'k', spotClosed: true }))).toBe(true);
    }
  });

  it('closes the spot once released, and is done after that', () => {
    expect(nextStep(at({ status: 'failed', transactionKey: 'k', released: true }), { now: 1 })).toEqual({
      kind: 'close_spot',
    });
    const ended = at({ status: 'failed', transactionKey: 'k', released: true, spotClosed: true });
    expect(nextStep(ended, { now: 1 })).toEqual({ kind: 'done' });
    expect(isLive(ended)).toBe(false);
  });

  it('looks for a transaction whose create was never answered, once it can no longer land', () => {
    const lost = at({ status: 'expired', createRequestedAt: 10 });
    expect(nextStep(lost, { now: 10 + defaultLimits.createSettleMs - 1 })).toEqual({ kind: 'wait' });
    expect(nextStep(lost, { now: 10 + defaultLimits.createSettleMs })).toEqual({ kind: 'find_transaction' });
    expect(isLive({ ...lost, spotClosed: true })).toBe(true);
  });

  it('marks an unpaid end confirmed when the Wallet shows the money taken (it then gets its receipt)', () => {
    expect(
      nextStep(at({ status: 'cancelled', transactionKey: 'k' }), { now: 1, transactionStatus: 'confirmed' }),
    ).toEqual({ kind: 'mark', status: 'confirmed' });
  });
});
