import { describe, expect, it } from '@jest/globals';
import type { PaymentAttempt } from '@tillkit/checkout';
import { sessionStatusOf, webhookActionOf } from './status.ts';
import { signatureHeader, verifiedBody, webhookFor } from './webhook.ts';

const secret = 'a-webhook-secret-of-32-characters-or-more';
const event = {
  seq: 3,
  key: 'att_1:confirmed',
  type: 'confirmed' as const,
  attemptId: 'att_1',
  orderRef: 'cart_1',
  at: 1,
  data: {},
};

describe('signed webhook bodies', () => {
  it('verifies its own signature over the raw bytes, as Buffer, string or serialized Buffer', () => {
    const hook = webhookFor(secret, event);
    expect(verifiedBody(secret, hook)).toEqual({
      key: 'att_1:confirmed',
      type: 'confirmed',
      attemptId: 'att_1',
      at: 1,
    });
    expect(verifiedBody(secret, { ...hook, rawData: hook.rawData.toString() })).toBeDefined();
    expect(
      verifiedBody(secret, { ...hook, rawData: JSON.parse(JSON.stringify(hook.rawData)) }),
    ).toBeDefined();
  });

  it('ignores another secret, an altered body, a missing header and a foreign body', () => {
    const hook = webhookFor(secret, event);
    expect(verifiedBody('another-secret-of-32-characters-or-more', hook)).toBeUndefined();
    expect(
      verifiedBody(secret, {
        ...hook,
        rawData: Buffer.from(hook.rawData.toString().replace('att_1', 'att_2')),
      }),
    ).toBeUndefined();
    expect(verifiedBody(secret, { rawData: hook.rawData, headers: {} })).toBeUndefined();
    const foreign = Buffer.from('{"type":"payment_intent.succeeded"}');
    expect(
      verifiedBody(secret, { rawData: foreign, headers: { [signatureHeader]: 'v1=00' } }),
    ).toBeUndefined();
  });

  it('carries no amount and no secret', () => {
    const raw = webhookFor(secret, event).rawData.toString();
    expect(raw).not.toContain(secret);
    expect(raw).not.toMatch(/amount/);
  });
});

describe('one status table for authorize, status and webhook', () => {
  const at = (status: PaymentAttempt['status'], captureMode: PaymentAttempt['captureMode']) =>
    ({ status, captureMode }) as PaymentAttempt;

  it('automatic capture: pending until confirmed, then captured (never authorized + captured)', () => {
    expect(sessionStatusOf(at('order_attached', 'automatic'))).toBe('pending_authorization');
    expect(sessionStatusOf(at('reserved', 'automatic'))).toBe('pending_authorization');
    expect(webhookActionOf(at('reserved', 'automatic'))).toBe('pending');
    expect(sessionStatusOf(at('confirmed', 'automatic'))).toBe('captured');
    expect(webhookActionOf(at('confirmed', 'automatic'))).toBe('captured');
  });

  it('manual capture: authorized when reserved; a confirm is Medusa’s own capture, so no webhook action', () => {
    expect(sessionStatusOf(at('reserved', 'manual'))).toBe('authorized');
    expect(webhookActionOf(at('reserved', 'manual'))).toBe('authorized');
    expect(webhookActionOf(at('confirmed', 'manual'))).toBe('not_supported');
  });

  it('unpaid ends: cancelled is canceled, the others an error', () => {
    expect(sessionStatusOf(at('cancelled', 'automatic'))).toBe('canceled');
    for (const s of ['expired', 'rejected', 'failed'] as const)
      expect(sessionStatusOf(at(s, 'automatic'))).toBe('error');
    expect(webhookActionOf(at('rejected', 'automatic'))).toBe('failed');
  });
});
