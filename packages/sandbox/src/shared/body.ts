import type { z } from 'zod';

/** The outcome of reading a JSON request body against a schema. */
export type BodyResult<T> =
  | { ok: true; value: T }
  | { ok: false; kind: 'malformed'; message: string }
  | { ok: false; kind: 'invalid'; errors: Record<string, string[]> };

/** Parses a raw JSON body with a zod schema; an empty body is parsed as `{}`-less `undefined`. */
export function parseJsonBody<S extends z.ZodType>(raw: Buffer, schema: S): BodyResult<z.output<S>> {
  let data: unknown;
  if (raw.length > 0) {
    try {
      data = JSON.parse(raw.toString('utf8'));
    } catch {
      return { ok: false, kind: 'malformed', message: 'Request body is not valid JSON' };
    }
  }
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, kind: 'invalid', errors: fieldErrors(result.error) };
}

/** zod issues as `{ "payments.0.price": ["must be …"] }` (root issues under `body`). */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || 'body';
    const list = errors[path] ?? [];
    list.push(issue.message);
    errors[path] = list;
  }
  return errors;
}

/** Splits `/a/b/c` (after a prefix) into `['a','b','c']`, decoding each segment. */
export function segments(path: string, prefix: string): string[] {
  const rest = path.slice(prefix.length);
  return rest
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}
