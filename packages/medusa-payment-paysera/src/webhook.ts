// The engine tells Medusa about a payment through Medusa's own webhook path: a checkout event becomes a
// `payment.webhook_received` body signed with HMAC-SHA256 over its raw bytes, which the provider's
// getWebhookActionAndData verifies before it looks at anything. The body carries no amounts or secrets:
// the action is derived from the attempt's current state, so a late or repeated event is harmless.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { CheckoutEvent } from '@tillkit/checkout';

export const signatureHeader = 'x-tillkit-signature';

/** What the webhook body says: which attempt changed. */
export interface WebhookBody {
  source: 'tillkit';
  key: string;
  type: string;
  attemptId: string;
  at: number;
}

export function sign(secret: string, raw: string | Buffer): string {
  return `v1=${createHmac('sha256', secret).update(raw).digest('hex')}`;
}

/** The signed webhook for a checkout event: `data`, `rawData` and `headers` as Medusa's route builds them. */
export function webhookFor(secret: string, event: CheckoutEvent) {
  const body: WebhookBody = {
    source: 'tillkit',
    key: event.key,
    type: event.type,
    attemptId: event.attemptId,
    at: event.at,
  };
  const raw = JSON.stringify(body);
  return {
    data: body as unknown as Record<string, unknown>,
    rawData: Buffer.from(raw),
    headers: { [signatureHeader]: sign(secret, raw) },
  };
}

/**
 * The body, when the signature over the raw bytes is ours; undefined for anything else (a forged or
 * altered body, another integration's event, a missing header).
 */
export function verifiedBody(
  secret: string,
  payload: { rawData?: unknown; headers?: Record<string, unknown> },
): WebhookBody | undefined {
  const raw = rawBytes(payload.rawData);
  const given = payload.headers?.[signatureHeader];
  if (!raw || typeof given !== 'string') return undefined;
  const expected = Buffer.from(sign(secret, raw));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined;
  try {
    const body = JSON.parse(raw.toString('utf8')) as Partial<WebhookBody>;
    return body.source === 'tillkit' && typeof body.attemptId === 'string'
      ? (body as WebhookBody)
      : undefined;
  } catch {
    return undefined;
  }
}

// Medusa hands the raw body over as a Buffer, a string, or (after the event bus serialized it) `{type:'Buffer', data}`.
function rawBytes(raw: unknown): Buffer | undefined {
  if (Buffer.isBuffer(raw)) return raw;
  if (typeof raw === 'string') return Buffer.from(raw);
  if (raw && typeof raw === 'object' && (raw as { type?: unknown }).type === 'Buffer') {
    return Buffer.from((raw as { data: number[] }).data);
  }
  return undefined;
}
