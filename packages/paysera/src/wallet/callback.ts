import { createPublicKey, verify } from 'node:crypto';
import { createHttpClient, type HttpLogger } from '@tillkit/http';
import { isTillKitError, parseOrThrow, TillKitError, WalletCallbackEvent } from '@tillkit/models';

// Paysera Wallet callbacks (spec §6.5): a form POST of `event` (a JSON string) and `sign` (base64
// RSA-SHA256 over the exact event string), checked against the key at `/publickey` — what PHP's
// `Callback/Handler::handle` and `SignChecker::checkSign` do. A verified callback is a trigger only:
// re-read the transaction before acting on it.

/** A callback body as it arrives: the raw `x-www-form-urlencoded` text, parsed params, or a plain record. */
export type WalletCallbackForm = string | URLSearchParams | Readonly<Record<string, string | undefined>>;

function field(form: WalletCallbackForm, name: 'event' | 'sign'): string {
  const value =
    typeof form === 'string'
      ? new URLSearchParams(form).get(name)
      : form instanceof URLSearchParams
        ? form.get(name)
        : form[name];
  if (typeof value !== 'string' || value === '')
    throw new TillKitError('VALIDATION_FAILED', `Wallet callback without ${name}`, {
      issues: [{ path: name, message: 'is required' }],
    });
  return value;
}

/**
 * Verifies a Wallet callback's signature with Paysera's public key (PEM) and returns the typed event.
 * Throws `SIGNATURE_INVALID` when `sign` does not verify the exact `event` string, `VALIDATION_FAILED`
 * (naming the field) when a field is missing or the event is not the documented `{type, object, data}`,
 * and `INVALID_CONFIG` when the key is not a public key.
 *
 * @example
 * const event = verifyWalletCallback(await request.text(), publicKeyPem);
 * if (event.object === 'transaction') await engine.poke(event.data.transaction_key);
 */
export function verifyWalletCallback(form: WalletCallbackForm, publicKeyPem: string): WalletCallbackEvent {
  const event = field(form, 'event');
  const sign = field(form, 'sign');
  let key: ReturnType<typeof createPublicKey>;
  try {
    key = createPublicKey(publicKeyPem);
  } catch (cause) {
    throw new TillKitError('INVALID_CONFIG', 'The Wallet callback public key is not a PEM public key', {
      issues: [{ path: 'publicKeyPem', message: 'must be a PEM public key' }],
      cause,
    });
  }
  if (!verify('sha256', Buffer.from(event, 'utf8'), key, Buffer.from(sign, 'base64')))
    throw new TillKitError('SIGNATURE_INVALID', 'The Wallet callback signature does not verify', {
      issues: [{ path: 'sign', message: 'does not verify the event with the Wallet public key' }],
    });
  let data: unknown;
  try {
    data = JSON.parse(event);
  } catch (cause) {
    throw new TillKitError('VALIDATION_FAILED', 'The Wallet callback event is not JSON', {
      issues: [{ path: 'event', message: 'must be a JSON object' }],
      cause,
    });
  }
  return parseOrThrow(WalletCallbackEvent, data, 'Wallet callback event');
}

/** Options of {@link createWalletPublicKey}. */
export interface WalletPublicKeyOptions {
  /** @default 'https://wallet.paysera.com/publickey' */
  url?: string;
  /** How long a fetched key is used before it is fetched again. @default 3_600_000 (1 hour) */
  ttlMs?: number;
  /** A signature that fails re-fetches the key only if the cached one is at least this old. @default 300_000 */
  minRefreshMs?: number;
  /** @default 10000 */
  timeoutMs?: number;
  /** @default Date.now */
  clock?: () => number;
  logger?: HttpLogger;
  fetch?: typeof fetch;
}

/** Paysera's callback signing key, fetched through @tillkit/http and cached. */
export interface WalletPublicKey {
  /** The PEM, from the cache while it is fresh; concurrent callers share one request. */
  get(): Promise<string>;
  /** Fetches the key again now (after a rotation). */
  refresh(): Promise<string>;
  /**
   * Verifies a callback with the cached key; on `SIGNATURE_INVALID` a key older than `minRefreshMs` is
   * fetched once more and the check repeated, so a key rotation does not fail callbacks until the TTL ends.
   */
  verify(form: WalletCallbackForm): Promise<WalletCallbackEvent>;
}

/**
 * @example
 * const paysera = createWalletPublicKey();
 * app.post('/paysera/callback', async (req, res) => {
 *   const event = await paysera.verify(await readBody(req)); // throws a TillKitError when forged
 *   res.status(200).end();
 * });
 */
export function createWalletPublicKey(options: WalletPublicKeyOptions = {}): WalletPublicKey {
  const url = new URL(options.url ?? 'https://wallet.paysera.com/publickey');
  const http = createHttpClient({
    baseUrl: url.origin,
    timeoutMs: options.timeoutMs ?? 10_000,
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  const clock = options.clock ?? Date.now;
  const ttlMs = options.ttlMs ?? 3_600_000;
  const minRefreshMs = options.minRefreshMs ?? 300_000;
  let cached: { pem: string; at: number } | undefined;
  let inFlight: Promise<string> | undefined;
  const load = async (): Promise<string> => {
    const { data } = await http.request({ method: 'GET', path: url.pathname });
    const pem = typeof data === 'string' ? data : '';
    try {
      createPublicKey(pem);
    } catch (cause) {
      throw new TillKitError('INVALID_RESPONSE', `${url.href} did not answer a PEM public key`, { cause });
    }
    cached = { pem, at: clock() };
    return pem;
  };
  const refresh = (): Promise<string> => {
    inFlight ??= load().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
  const get = async (): Promise<string> =>
    cached !== undefined && clock() - cached.at < ttlMs ? cached.pem : refresh();
  return {
    get,
    refresh,
    async verify(form) {
      const pem = await get();
      try {
        return verifyWalletCallback(form, pem);
      } catch (error) {
        // Forged callbacks must not make us fetch the key each time: re-fetch only a key old enough to rotate.
        const age = clock() - (cached?.at ?? 0);
        if (!isTillKitError(error) || error.code !== 'SIGNATURE_INVALID' || age < minRefreshMs) throw error;
        const fresh = await refresh();
        if (fresh === pem) throw error;
        return verifyWalletCallback(form, fresh);
      }
    },
  };
}
