import { randomBytes } from 'node:crypto';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random string over [A-Za-z0-9] (transaction keys, tokens, MAC ids and keys). */
export function randomToken(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  // 62 does not divide 256, so the modulo skews the distribution slightly; fine for emulator ids.
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

/** A random RFC 4122 v4 UUID. */
export function randomUuid(): string {
  return crypto.randomUUID();
}
