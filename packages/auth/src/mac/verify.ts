import { timingSafeEqual } from 'node:crypto';
import { type ErrorCode, TillKitError } from '@tillkit/models';
import { bodyHash, computeMac } from './compute.ts';
import { parseMacHeader } from './header.ts';
import type { NonceStore } from './nonce-store.ts';
import { parseQuery } from './query.ts';

/** What {@link verifyMac} needs: the request as received, a key lookup and a replay store. */
export interface VerifyMacInput {
  authorization: string | undefined;
  method: string;
  /** Path plus raw query exactly as received (`/rest/v1/spots?status=waiting`). */
  pathAndQuery: string;
  /** Host name from the Host header, without the port. */
  host: string;
  port: number;
  /** The exact body bytes received (empty when there is none). */
  body: Uint8Array;
  lookupKey: (macId: string) => string | undefined;
  nonces: NonceStore;
  /** Unix seconds. @default now */
  nowSeconds?: number;
  /** Accepted clock difference either way. @default 300 */
  windowSeconds?: number;
}

/** A verified request: who signed it and the `ext` parameters it carried (body_hash left out). */
export interface VerifiedMac {
  macId: string;
  extParameters: Record<string, string>;
}

const DEFAULT_WINDOW_SECONDS = 300;
// Canonical decimal Unix seconds only: the MAC covers the number, so `01700000000` would verify with
// the MAC of `1700000000` and, keyed by its raw text, pass the replay check once per leading zero.
const canonicalSeconds = /^(?:0|[1-9]\d{0,14})$/;

/**
 * Verifies a Paysera MAC request (spec §1.6) the way Paysera's server does: same code path as
 * {@link signMac}, constant-time comparison, body_hash checked against the raw body, a timestamp window
 * and replay protection. Messages name what failed, never the key.
 *
 * @throws TillKitError MAC_MALFORMED | MAC_UNKNOWN_ID | MAC_INVALID | MAC_BODY_HASH_MISMATCH | MAC_TIMESTAMP_SKEW | MAC_NONCE_REPLAYED
 */
export function verifyMac(input: VerifyMacInput): VerifiedMac {
  if (input.authorization === undefined || input.authorization === '')
    fail('MAC_MALFORMED', 'Authorization header is missing');
  const header = parseMacHeader(input.authorization);
  if ('malformed' in header) fail('MAC_MALFORMED', `Authorization header is malformed: ${header.malformed}`);
  if (!canonicalSeconds.test(header.ts))
    fail('MAC_MALFORMED', 'Authorization header is malformed: ts is not Unix seconds in canonical decimal');
  const ext = parseQuery(header.ext);
  if (ext === undefined)
    fail('MAC_MALFORMED', 'Authorization header is malformed: ext is not a valid query string');

  const key = input.lookupKey(header.id);
  if (key === undefined) fail('MAC_UNKNOWN_ID', 'Unknown MAC id');

  const timestamp = Number(header.ts);
  const expected = computeMac(key, {
    timestamp,
    nonce: header.nonce,
    method: input.method,
    pathAndQuery: input.pathAndQuery,
    host: input.host,
    port: input.port,
    ext: header.ext,
  });
  if (!constantTimeEqual(expected, header.mac)) fail('MAC_INVALID', 'MAC does not match the request');

  checkBodyHash(ext, input.body);

  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  const window = input.windowSeconds ?? DEFAULT_WINDOW_SECONDS;
  if (Math.abs(now - timestamp) > window) {
    fail(
      'MAC_TIMESTAMP_SKEW',
      `MAC timestamp is ${now - timestamp} s away from server time (window ±${window} s)`,
    );
  }
  // Only authentic, in-window requests reach the store, so forged headers cannot fill it. Past
  // ts + window the timestamp check rejects the request anyway, so the key may be forgotten then.
  // The key holds the number the MAC covers, never the header's text, so no spelling of one ts is new.
  if (!input.nonces.checkAndRemember(`${header.id}\n${timestamp}\n${header.nonce}`, timestamp + window)) {
    fail('MAC_NONCE_REPLAYED', 'MAC nonce was already used with this id and timestamp');
  }

  // fromEntries defines own properties, so an ext key like `__proto__` stays data, not a prototype.
  const extParameters: Record<string, string> = Object.fromEntries(ext.filter(([k]) => k !== 'body_hash'));
  return { macId: header.id, extParameters };
}

function checkBodyHash(ext: Array<[string, string]>, body: Uint8Array): void {
  const hashes = ext.filter(([k]) => k === 'body_hash');
  if (hashes.length > 1)
    fail('MAC_MALFORMED', 'Authorization header is malformed: ext has several body_hash');
  const claimed = hashes[0]?.[1];
  if (claimed === undefined) {
    if (body.length > 0)
      fail('MAC_BODY_HASH_MISMATCH', 'Request has a body but the MAC ext carries no body_hash');
    return;
  }
  if (!constantTimeEqual(bodyHash(body), claimed))
    fail('MAC_BODY_HASH_MISMATCH', 'Body does not match body_hash');
}

function constantTimeEqual(expected: string, actual: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(actual, 'utf8');
  // The expected length is public (a base64 SHA-256 is always 44 chars); only contents must not leak.
  return a.length === b.length && timingSafeEqual(a, b);
}

function fail(code: ErrorCode, message: string): never {
  throw new TillKitError(code, message);
}
