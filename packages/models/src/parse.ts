import type { z } from 'zod';
import { type ErrorCode, issuesFromZod, TillKitError } from './errors.ts';

/**
 * Parses `data` with `schema` or throws a TillKitError naming every bad field.
 * Use `code: 'INVALID_RESPONSE'` when parsing what an upstream API sent.
 */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  data: unknown,
  what: string,
  code: ErrorCode = 'VALIDATION_FAILED',
): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issues = issuesFromZod(result.error);
  const summary = issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ');
  return failWith(code, `Invalid ${what}: ${summary}`, issues, result.error);
}

function failWith(code: ErrorCode, message: string, issues: TillKitError['issues'], cause: unknown): never {
  throw new TillKitError(code, message, { issues, cause });
}
