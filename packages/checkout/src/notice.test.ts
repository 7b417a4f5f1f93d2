import { describe, expect, it } from 'vitest';
import { signedNotice, verifiedNotice } from './notice.ts';

const secret = 'a-notice-secret-of-32-characters-or-more';
const event = {
  seq: 3,
  key: 'att_1:confirmed',
  type: 'confirmed' as const,
  attemptId: 'att_1',
  orderRef: 'cart_1',
  at: 1,
  data: { amount: 1800, status: 'confirmed' },
};

describe('signed event notices', () => {
  it('verifies its own signature over the raw bytes, as a Buffer or a string', () => {
    const { body, raw, signature } = signedNotice(secret, event);
    expect(body).toEqual({ key: 'att_1:confirmed', type: 'confirmed', attemptId: 'att_1', at: 1 });
    expect(verifiedNotice(secret, raw, signature)).toEqual(body);
    expect(verifiedNotice(secret, raw.toString('utf8'), signature)).toEqual(body);
  });

  it('refuses another secret, altered bytes, a missing, short or foreign signature', () => {
    const { raw, signature } = signedNotice(secret, event);
    expect(verifiedNotice('another-secret-of-32-characters-or-more', raw, signature)).toBeUndefined();
    expect(verifiedNotice(secret, raw.toString().replace('att_1', 'att_2'), signature)).toBeUndefined();
    expect(verifiedNotice(secret, raw, undefined)).toBeUndefined();
    expect(verifiedNotice(secret, raw, 'v1=00')).toBeUndefined();
    expect(verifiedNotice(secret, undefined, signature)).toBeUndefined();
    const foreign = '{"type":"payment_intent.succeeded"}';
    expect(verifiedNotice(secret, foreign, signature)).toBeUndefined();
  });

  it('carries neither the event data (amounts) nor the secret', () => {
    const raw = signedNotice(secret, event).raw.toString();
    expect(raw).not.toContain(secret);
    expect(raw).not.toMatch(/amount|1800/);
  });
});
