/** The parsed parameters of an `Authorization: MAC …` header. */
export interface MacHeader {
  id: string;
  ts: string;
  nonce: string;
  mac: string;
  /** Verbatim, `''` when absent or sent empty (the Swift SDK always sends `ext=""`). */
  ext: string;
}

/** Formats the header in the order id, ts, nonce, mac, ext; ext only when non-empty (PHP, Java, JS). */
export function formatMacHeader(h: MacHeader): string {
  const base = `MAC id="${h.id}", ts="${h.ts}", nonce="${h.nonce}", mac="${h.mac}"`;
  return h.ext === '' ? base : `${base}, ext="${h.ext}"`;
}

// One `name="value"` pair and its separator. Values are quoted and cannot hold `"` or `\`, but may hold
// commas and spaces (nonces do), so the header is scanned pair by pair rather than split on commas.
const pair = /[ \t]*([A-Za-z][A-Za-z0-9_-]*)[ \t]*=[ \t]*"([^"\\]*)"[ \t]*(,|$)/y;
const required = ['id', 'ts', 'nonce', 'mac'] as const;

/**
 * Parses a MAC Authorization header, or returns a reason it is malformed. Unknown parameters are
 * ignored; a repeated parameter is malformed (which one would count is ambiguous).
 */
export function parseMacHeader(value: string): MacHeader | { malformed: string } {
  const scheme = /^MAC[ \t]+/i.exec(value);
  if (!scheme) return { malformed: 'scheme is not MAC' };
  const params = new Map<string, string>();
  pair.lastIndex = scheme[0].length;
  while (pair.lastIndex < value.length) {
    const m = pair.exec(value);
    if (!m) return { malformed: 'parameters are not name="value" pairs separated by commas' };
    const name = m[1]!.toLowerCase();
    if (params.has(name)) return { malformed: `parameter ${name} appears twice` };
    params.set(name, m[2]!);
  }
  for (const name of required) {
    if (!params.get(name)) return { malformed: `parameter ${name} is missing or empty` };
  }
  return {
    id: params.get('id')!,
    ts: params.get('ts')!,
    nonce: params.get('nonce')!,
    mac: params.get('mac')!,
    ext: params.get('ext') ?? '',
  };
}
