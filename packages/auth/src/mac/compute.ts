import { createHash, createHmac } from 'node:crypto';

/** Everything the MAC covers besides the key. */
export interface MacMaterial {
  timestamp: number;
  nonce: string;
  method: string;
  /** Path plus raw query string, exactly as sent (`/rest/v1/spots?status=waiting`). */
  pathAndQuery: string;
  host: string;
  port: number;
  ext: string;
}

/** The normalized request string: seven fields, each followed by a newline (spec §1.2). */
export function normalizedRequestString(m: MacMaterial): string {
  return `${[m.timestamp, m.nonce, m.method.toUpperCase(), m.pathAndQuery, m.host.toLowerCase(), m.port, m.ext].join('\n')}\n`;
}

/** Base64(HMAC-SHA256(key, normalized request string)). */
export function computeMac(macKey: string, material: MacMaterial): string {
  return createHmac('sha256', macKey).update(normalizedRequestString(material), 'utf8').digest('base64');
}

/** Base64(SHA-256(body)) — the `body_hash` value before URL encoding. */
export function bodyHash(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('base64');
}
