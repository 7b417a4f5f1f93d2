import { createHmac, timingSafeEqual } from 'node:crypto';
import { TillKitError } from '@tillkit/models';

/** The header that carries a callback's signature: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const CALLBACK_SIGNATURE_HEADER = 'x-tillkit-signature';

function mac(secret: string, t: number, rawBody: string): string {
  return createHmac('sha256', secret).update(`${t}.${rawBody}`, 'utf8').digest('hex');
}

/**
 * Signs a callback body: HMAC-SHA256 over `${t}.${rawBody}`. The timestamp is inside the MAC so a
 * captured callback cannot be replayed later than the receiver's tolerance.
 */
export function signCallback(
  secret: string,
  rawBody: string,
  nowSeconds: number = Math.floor(Date.now() / 1000),
): string {
  return `t=${nowSeconds},v1=${mac(secret, nowSeconds, rawBody)}`;
}

/**
 * Verifies a callback signature header against the raw body. Throws UNAUTHENTICATED when the header is
 * missing or malformed, the MAC does not match (compared in constant time), or the timestamp is
 * further than `toleranceSeconds` from now.
 */
export function verifyCallbackSignature(input: {
  secret: string;
  rawBody: string;
  header: string | null | undefined;
  toleranceSeconds?: number;
  nowSeconds?: number;
}): void {
  const parts = new Map<string, string[]>();
  for (const item of (input.header ?? '').split(',')) {
    const [k, ...v] = item.trim().split('=');
    if (k && v.length) parts.set(k, [...(parts.get(k) ?? []), v.join('=')]);
  }
  const t = Number(parts.get('t')?.[0]);
  const candidates = parts.get('v1') ?? [];
  if (!Number.isSafeInteger(t) || candidates.length === 0) {
    throw new TillKitError('UNAUTHENTICATED', 'Callback signature header is missing or malformed');
  }
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - t) > (input.toleranceSeconds ?? 300)) {
    throw new TillKitError('UNAUTHENTICATED', 'Callback signature timestamp is outside the tolerance');
  }
  const expected = Buffer.from(mac(input.secret, t, input.rawBody), 'hex');
  const ok = candidates.some((c) => {
    const given = Buffer.from(c, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!ok) throw new TillKitError('UNAUTHENTICATED', 'Callback signature does not match');
}
