/** What replaces a secret. */
export const REDACTED = '[REDACTED]';

/** Redacts secrets from text and from values of any shape. One instance per client; every logger and error path uses it. */
export interface Redactor {
  /** `s` with every known secret (and any `Bearer <token>`) replaced by `[REDACTED]`. */
  text(s: string): string;
  /** A deep copy of `v` with secret-looking keys blanked and known secrets removed from every string. */
  value<T>(v: T): T;
  /** Registers one more secret (e.g. a token obtained at runtime). */
  add(secret: string): void;
}

// Secrets shorter than this are ignored: blanking every "a" or "12" would destroy logs and protect nothing.
const MIN_SECRET_LENGTH = 4;
// Keys whose values are secrets whatever they contain. Compared lower-case with `-` and `_` removed,
// so `x-cashbox-accesstoken`, `access_token` and `accessToken` all match.
const secretKey =
  /authorization|token|secret|password|passwd|mackey|apikey|privatekey|cookie|credential|pin$/;
const bearer = /\b(Bearer)\s+[A-Za-z0-9\-._~+/]+=*/gi;

/**
 * Creates a {@link Redactor} that knows `secrets`. Besides the exact secret it removes its URL- and
 * JSON-escaped forms, so a token inside a query string or a serialized body does not survive either.
 *
 * @example
 * const redact = createRedactor([macKey]);
 * logger.info(redact.value({ headers, error }));
 */
export function createRedactor(secrets: Iterable<string> = []): Redactor {
  const known = new Set<string>();
  let ordered: string[] = [];
  const add = (secret: string) => {
    if (secret.length < MIN_SECRET_LENGTH) return;
    for (const form of [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])
      known.add(form);
    // Longest first, so a secret that contains another is removed whole.
    ordered = [...known].sort((a, b) => b.length - a.length);
  };
  for (const s of secrets) add(s);

  const text = (s: string): string => {
    let out = s;
    for (const secret of ordered) out = out.split(secret).join(REDACTED);
    return out.replace(bearer, `$1 ${REDACTED}`);
  };

  const value = <T>(v: T): T => redactValue(v, text, new WeakMap()) as T;
  return { text, value, add };
}

/** True for keys whose values are always secret (`authorization`, `macKey`, `x-cashbox-accesstoken`…). */
export function isSecretKey(key: string): boolean {
  return secretKey.test(key.toLowerCase().replace(/[-_]/g, ''));
}

function redactValue(v: unknown, text: (s: string) => string, seen: WeakMap<object, unknown>): unknown {
  if (typeof v === 'string') return text(v);
  if (typeof v !== 'object' || v === null) return v;
  const done = seen.get(v);
  if (done !== undefined) return done;
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    seen.set(v, out);
    for (const item of v) out.push(redactValue(item, text, seen));
    return out;
  }
  if (v instanceof Headers) {
    const out = new Headers();
    seen.set(v, out);
    for (const [k, val] of v) out.append(k, isSecretKey(k) ? REDACTED : text(val));
    return out;
  }
  if (v instanceof Map) {
    const out = new Map<unknown, unknown>();
    seen.set(v, out);
    for (const [k, val] of v)
      out.set(k, typeof k === 'string' && isSecretKey(k) ? REDACTED : redactValue(val, text, seen));
    return out;
  }
  if (v instanceof URL) return new URL(text(v.href));
  if (v instanceof Date || v instanceof RegExp || ArrayBuffer.isView(v)) return v;
  return redactObject(v, text, seen);
}

// Copies own properties, enumerable or not (an Error's message, stack and cause are not enumerable),
// onto an object with the same prototype, so a redacted TillKitError is still a TillKitError.
function redactObject(v: object, text: (s: string) => string, seen: WeakMap<object, unknown>): object {
  const out = Object.create(Object.getPrototypeOf(v)) as object;
  seen.set(v, out);
  for (const key of Reflect.ownKeys(v)) {
    const descriptor = Object.getOwnPropertyDescriptor(v, key);
    if (descriptor === undefined) continue;
    if ('value' in descriptor) {
      const secret = typeof key === 'string' && isSecretKey(key) && descriptor.value != null;
      descriptor.value = secret ? REDACTED : redactValue(descriptor.value, text, seen);
    } else {
      // Accessors could compute a secret on read; keep the key visible but never call the getter.
      descriptor.get = () => REDACTED;
      delete descriptor.set;
    }
    Object.defineProperty(out, key, descriptor);
  }
  return out;
}
