import type { SandboxResponse } from '../contract.ts';
import { listParam } from '../shared/list-param.ts';
import { invalidParameters } from './errors.ts';

export { listParam };

/** Parses a list of positive integer ids, or answers 400 naming the parameter. */
export function idListParam(query: URLSearchParams, name: string): number[] | SandboxResponse {
  const values = listParam(query, name);
  const ids = values.map(Number);
  if (ids.some((n) => !Number.isSafeInteger(n) || n <= 0))
    return invalidParameters(`${name} must be a list of ids`, { [name]: ['must be positive integers'] });
  return ids;
}

/** Parses `limit`/`offset` (limit 1..max, default `fallback`), or answers 400. */
export function limitOffset(
  query: URLSearchParams,
  fallback: number,
  max: number,
): { limit: number; offset: number } | SandboxResponse {
  const limit = intParam(query.get('limit'), fallback);
  const offset = intParam(query.get('offset'), 0);
  const errors: Record<string, string[]> = {};
  if (limit === undefined || limit < 1 || limit > max)
    errors['limit'] = [`must be an integer from 1 to ${max}`];
  if (offset === undefined || offset < 0) errors['offset'] = ['must be a non-negative integer'];
  if (limit === undefined || offset === undefined || Object.keys(errors).length > 0)
    return invalidParameters('Invalid paging parameters', errors);
  return { limit, offset };
}

function intParam(raw: string | null, fallback: number): number | undefined {
  if (raw === null || raw === '') return fallback;
  return /^\d{1,9}$/.test(raw) ? Number(raw) : undefined;
}

export function isResponse(v: unknown): v is SandboxResponse {
  return (
    typeof v === 'object' &&
    v !== null &&
    'status' in v &&
    typeof (v as { status: unknown }).status === 'number'
  );
}
