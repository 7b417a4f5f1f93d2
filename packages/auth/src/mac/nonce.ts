import { randomInt } from 'node:crypto';

// RFC-draft nonce alphabet: printable ASCII except `"` and `\` (%x20-21 / %x23-5B / %x5D-7E).
const alphabet = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i))
  .filter((c) => c !== '"' && c !== '\\')
  .join('');
const nonceShape = /^[\x20\x21\x23-\x5b\x5d-\x7e]+$/;

/** Length of the nonces {@link generateNonce} makes, as Paysera's PHP client does. */
export const NONCE_LENGTH = 32;

/**
 * A fresh MAC nonce: 32 characters drawn uniformly from the allowed range with crypto randomness.
 *
 * @example generateNonce() // 'k;Q1 ~p…' (32 chars)
 */
export function generateNonce(length = NONCE_LENGTH): string {
  let nonce = '';
  for (let i = 0; i < length; i++) nonce += alphabet.charAt(randomInt(alphabet.length));
  return nonce;
}

/** True when `nonce` is non-empty and only uses the allowed characters (so it fits in a quoted header value). */
export function isValidNonce(nonce: string): boolean {
  return nonceShape.test(nonce);
}
