// The engine tells Medusa about a payment through Medusa's own webhook path: a checkout event becomes a
// `payment.webhook_received` body signed with HMAC-SHA256 over its raw bytes, which the provider's
// getWebhookActionAndData verifies before it looks at anything. The body carries no amounts or secrets:
// the action is derived from the attempt's current state, so a late or repeated event is harmless.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { CheckoutEvent } from '@tillkit/checkout';

export const signatureHeader = 'x-tillkit-signature';
const sign = (secret: string, raw: Buffer | string) =>
  `v1=${createHmac('sha256', secret).update(raw).digest('hex')}`;

/** The signed webhook for a checkout event: `data`, `rawData` and `headers` as Medusa's route builds them. */
export function webhookFor(secret: string, event: CheckoutEvent) {
  const data = { key: event.key, type: event.type, attemptId: event.attemptId, at: event.at };
  const raw = JSON.stringify(data);
  return { data, rawData: Buffer.from(raw), headers: { [signatureHeader]: sign(secret, raw) } };
}

/** The body when the signature over the raw bytes is ours; undefined for a forged, altered or foreign one. */
export function verifiedBody(
  secret: string,
  payload: { rawData?: unknown; headers?: Record<string, unknown> },
) {
  // Medusa hands the raw body over as a Buffer, a string, or (after the event bus serialized it) `{type:'Buffer', data}`.
  const r = payload.rawData as { type?: string; data?: number[] } | string | Buffer | undefined;
  const raw =
    Buffer.isBuffer(r) || typeof r === 'string'
      ? Buffer.from(r)
      : r?.type === 'Buffer'
        ? Buffer.from(r.data ?? [])
        : undefined;
  const given = payload.headers?.[signatureHeader];
  if (!raw || typeof given !== 'string') return undefined;
  const expected = Buffer.from(sign(secret, raw));
  if (expected.length !== given.length || !timingSafeEqual(expected, Buffer.from(given))) return undefined;
  // Signed by us, so it is our JSON.
  return JSON.parse(raw.toString('utf8')) as ReturnType<typeof webhookFor>['data'];
}
