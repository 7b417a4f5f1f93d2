import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Checkout tokens are an HMAC of the checkout id under a server secret: unguessable without the secret,
 * verifiable by any instance that shares it, and nothing to store or expire separately.
 */
export function checkoutTokenFor(checkoutId: string, secret: string): string {
  return createHmac('sha256', secret).update(`tillkit-checkout:${checkoutId}`).digest('base64url');
}

/** Compares two strings in constant time (hashing first, so their lengths do not leak either). */
export function constantTimeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/** True when `token` is the token of `checkoutId`. */
export function verifyCheckoutToken(checkoutId: string, token: string, secret: string): boolean {
  const expected = createHmac('sha256', secret).update(`tillkit-checkout:${checkoutId}`).digest();
  const given = Buffer.from(token, 'base64url');
  // Every token has the digest's length, which is public; only the content comparison must be constant-time.
  return (
    given.length === expected.length &&
    timingSafeEqual(given, expected) &&
    given.toString('base64url') === token
  );
}
