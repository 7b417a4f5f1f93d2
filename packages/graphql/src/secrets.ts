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
  return constantTimeEqual(checkoutTokenFor(checkoutId, secret), token);
}
