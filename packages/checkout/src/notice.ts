import { createHmac, timingSafeEqual } from 'node:crypto';
import type { CheckoutEvent } from './types.ts';

// A checkout event as a notice a host carries back into itself through its own webhook path (Medusa's
// `/hooks/payment/…`), signed with HMAC-SHA256 over the exact bytes and verified before anything is read.
// It carries no amounts and no secrets: the receiver reads the attempt as it is now, so a late, repeated
// or replayed notice asks for what is true anyway.

/** What a notice says: which event of which attempt (a type, so it fits hosts' `Record<string, unknown>` bodies). */
export type EventNotice = {
  key: string;
  type: CheckoutEvent['type'];
  attemptId: string;
  at: number;
};

const sign = (secret: string, raw: Buffer | string) =>
  `v1=${createHmac('sha256', secret).update(raw).digest('hex')}`;

/** The notice for `event`: its body, the exact bytes to send, and their signature. */
export function signedNotice(
  secret: string,
  event: CheckoutEvent,
): { body: EventNotice; raw: Buffer; signature: string } {
  const body = { key: event.key, type: event.type, attemptId: event.attemptId, at: event.at };
  const raw = Buffer.from(JSON.stringify(body));
  return { body, raw, signature: sign(secret, raw) };
}

/** The notice when `signature` is ours over `raw`; undefined for a forged, altered or unsigned one. */
export function verifiedNotice(
  secret: string,
  raw: Buffer | string | undefined,
  signature: unknown,
): EventNotice | undefined {
  if (raw === undefined || typeof signature !== 'string') return undefined;
  const expected = Buffer.from(sign(secret, raw));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  // Signed with our secret, so it is our JSON.
  return JSON.parse(Buffer.from(raw).toString('utf8')) as EventNotice;
}
