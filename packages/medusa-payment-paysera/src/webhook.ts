// The engine tells Medusa about a payment through Medusa's own webhook path: a checkout event becomes a
// `payment.webhook_received` payload carrying the core's signed notice, which getWebhookActionAndData
// verifies on the raw bytes before it looks at anything.
import { type CheckoutEvent, signedNotice, verifiedNotice } from '@tillkit/checkout';

export const signatureHeader = 'x-tillkit-signature';

/** The signed webhook for a checkout event: `data`, `rawData` and `headers` as Medusa's route builds them. */
export function webhookFor(secret: string, event: CheckoutEvent) {
  const { body, raw, signature } = signedNotice(secret, event);
  return { data: body, rawData: raw, headers: { [signatureHeader]: signature } };
}

/** The notice when the signature over the raw bytes is ours; undefined for a forged, altered or foreign one. */
export function verifiedBody(
  secret: string,
  payload: { rawData?: unknown; headers?: Record<string, unknown> },
) {
  // Medusa hands the raw body over as a Buffer, a string, or (after the event bus serialized it) `{type:'Buffer', data}`.
  const r = payload.rawData;
  const raw =
    Buffer.isBuffer(r) || typeof r === 'string' ? r : Buffer.from((r as { data?: number[] })?.data ?? []);
  return verifiedNotice(secret, raw, payload.headers?.[signatureHeader]);
}
