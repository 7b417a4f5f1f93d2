// Paysera's `ext` is built by PHP's http_build_query, so we encode exactly like PHP's urlencode:
// everything but A-Z a-z 0-9 - _ . is percent-encoded (upper-case hex) and a space becomes `+`.
// encodeURIComponent leaves ! ' ( ) * ~ alone, so those are encoded on top.

const extraReserved = /[!'()*~]/g;

/** PHP `urlencode`: the encoding `http_build_query` applies to keys and values. */
export function phpUrlEncode(value: string): string {
  return encodeURIComponent(value)
    .replace(extraReserved, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** PHP `http_build_query` for a flat list of string pairs, in the given order. */
export function buildQuery(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs.map(([k, v]) => `${phpUrlEncode(k)}=${phpUrlEncode(v)}`).join('&');
}

/**
 * Decodes an `ext` query string into pairs. Lenient about what may stay unencoded (the Swift SDK keeps
 * `/` raw inside body_hash), strict about broken percent escapes: those return undefined.
 */
export function parseQuery(query: string): Array<[string, string]> | undefined {
  if (query === '') return [];
  const pairs: Array<[string, string]> = [];
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawKey = eq === -1 ? part : part.slice(0, eq);
    const rawValue = eq === -1 ? '' : part.slice(eq + 1);
    const key = decodeComponent(rawKey);
    const value = decodeComponent(rawValue);
    if (key === undefined || value === undefined) return undefined;
    pairs.push([key, value]);
  }
  return pairs;
}

function decodeComponent(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}
