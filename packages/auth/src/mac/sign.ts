import { TillKitError } from '@tillkit/models';
import { bodyHash, computeMac } from './compute.ts';
import { formatMacHeader } from './header.ts';
import { generateNonce, isValidNonce } from './nonce.ts';
import { buildQuery } from './query.ts';

/** A Paysera MAC identity: the `mac_id` (client id) and the shared `mac_key`. */
export interface MacCredentials {
  macId: string;
  macKey: string;
}

/** What {@link signMac} needs; `timestamp` and `nonce` are injectable for tests and clock-synced clients. */
export interface SignMacInput {
  credentials: MacCredentials;
  method: string;
  /** The full URL that will be sent: host, port, path and raw query are signed. */
  url: string | URL;
  /** The exact body bytes that will be sent; a string is sent as UTF-8. Empty means no body_hash. */
  body?: string | Uint8Array;
  /** Extra `ext` parameters after body_hash, in insertion order (e.g. `project_id`, `location_id`). */
  extraParameters?: Record<string, string>;
  /** Unix seconds. @default now */
  timestamp?: number;
  /** @default a fresh 32-character nonce from {@link generateNonce} */
  nonce?: string;
}

/** The signed header plus the values that went into it (so a caller can log ts/nonce, never the key). */
export interface SignedMac {
  authorization: string;
  timestamp: number;
  nonce: string;
  ext: string;
}

/** Where a URL's request goes, as the MAC sees it. */
export interface MacTarget {
  host: string;
  port: number;
  pathAndQuery: string;
}

const defaultPorts: Record<string, number> = { 'https:': 443, 'http:': 80 };
// Header values are double-quoted, so an id containing a quote, backslash or control character would
// produce a header that parses differently than it was signed.
const headerSafe = /^[\x20\x21\x23-\x5b\x5d-\x7e]+$/;

/**
 * Builds the exact Paysera `Authorization: MAC …` header (HMAC-SHA256, spec §1).
 *
 * @example
 * const { authorization } = signMac({ credentials, method: 'GET', url: 'https://wallet.paysera.com/rest/v1/spots?status=waiting' });
 */
export function signMac(input: SignMacInput): SignedMac {
  const { credentials } = input;
  if (!headerSafe.test(credentials.macId)) {
    throw new TillKitError('INVALID_CONFIG', 'MAC id must be non-empty printable ASCII without `"` or `\\`', {
      issues: [
        { path: 'credentials.macId', message: 'must be printable ASCII without quotes or backslashes' },
      ],
    });
  }
  if (credentials.macKey === '') {
    throw new TillKitError('INVALID_CONFIG', 'MAC key must not be empty', {
      issues: [{ path: 'credentials.macKey', message: 'must not be empty' }],
    });
  }
  const timestamp = input.timestamp ?? Math.floor(Date.now() / 1000);
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new TillKitError(
      'VALIDATION_FAILED',
      'MAC timestamp must be a non-negative integer of Unix seconds',
      {
        issues: [{ path: 'timestamp', message: 'must be a non-negative integer' }],
      },
    );
  }
  const nonce = input.nonce ?? generateNonce();
  if (!isValidNonce(nonce)) {
    throw new TillKitError('VALIDATION_FAILED', 'MAC nonce must be printable ASCII without `"` or `\\`', {
      issues: [{ path: 'nonce', message: 'must be printable ASCII without quotes or backslashes' }],
    });
  }
  const target = macTarget(input.url);
  const ext = buildExt(input.body, input.extraParameters);
  const mac = computeMac(credentials.macKey, { timestamp, nonce, method: input.method, ...target, ext });
  const authorization = formatMacHeader({ id: credentials.macId, ts: String(timestamp), nonce, mac, ext });
  return { authorization, timestamp, nonce, ext };
}

/** Host (lower-case), port (explicit, else 443/80 by scheme) and path + raw query of a URL, as signed. */
export function macTarget(url: string | URL): MacTarget {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch (cause) {
    throw new TillKitError('VALIDATION_FAILED', 'MAC-signed URL must be absolute', {
      issues: [{ path: 'url', message: 'must be an absolute http(s) URL' }],
      cause,
    });
  }
  const defaultPort = defaultPorts[parsed.protocol];
  if (defaultPort === undefined) {
    throw new TillKitError(
      'VALIDATION_FAILED',
      `MAC-signed URL must be http or https, not ${parsed.protocol}`,
      {
        issues: [{ path: 'url', message: 'must be an absolute http(s) URL' }],
      },
    );
  }
  // URL drops a bare trailing `?` from `search`, but fetch still sends it, so take the query from href.
  const withoutHash = parsed.href.split('#')[0] ?? '';
  const query = parsed.search === '' && withoutHash.endsWith('?') ? '?' : parsed.search;
  return {
    host: parsed.hostname.toLowerCase(),
    port: parsed.port === '' ? defaultPort : Number(parsed.port),
    pathAndQuery: parsed.pathname + query,
  };
}

/** `ext` as PHP's http_build_query builds it: body_hash first (only for a non-empty body), then extras. */
export function buildExt(
  body: string | Uint8Array | undefined,
  extraParameters: Record<string, string> = {},
): string {
  const pairs: Array<[string, string]> = [];
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  if (bytes !== undefined && bytes.length > 0) pairs.push(['body_hash', bodyHash(bytes)]);
  for (const [key, value] of Object.entries(extraParameters)) {
    if (key === 'body_hash') {
      throw new TillKitError(
        'VALIDATION_FAILED',
        'body_hash is computed from the body and cannot be an extra parameter',
        {
          issues: [{ path: 'extraParameters.body_hash', message: 'is reserved' }],
        },
      );
    }
    pairs.push([key, value]);
  }
  try {
    return buildQuery(pairs);
  } catch (cause) {
    // encodeURIComponent throws URIError on a lone surrogate: such a string has no UTF-8 form to send.
    throw new TillKitError('VALIDATION_FAILED', 'MAC extra parameters must be well-formed Unicode', {
      issues: [{ path: 'extraParameters', message: 'contains a lone surrogate' }],
      cause,
    });
  }
}
