import type { z } from 'zod';
import type { SandboxResponse } from '../contract.ts';
import { fieldErrors } from '../shared/body.ts';
import { listParam } from '../shared/list-param.ts';
import { posValidation } from './errors.ts';
import { numeric, pagingInput } from './pagination.ts';

/** How each filter of a list endpoint is read from the query string. */
export type FilterKinds = Record<string, 'list' | 'string' | 'int'>;

/** Reads the query's paging and filters into the shared zod filter schema; invalid values answer 422. */
export function readFilter<S extends z.ZodType>(
  query: URLSearchParams,
  schema: S,
  kinds: FilterKinds,
): z.output<S> | SandboxResponse {
  const input: Record<string, unknown> = { ...pagingInput(query) };
  for (const [name, kind] of Object.entries(kinds)) {
    if (kind === 'list') {
      const values = listParam(query, name);
      if (values.length > 0) input[name] = values;
    } else {
      const raw = query.get(name);
      if (raw !== null && raw !== '') input[name] = kind === 'int' ? numeric(raw) : raw;
    }
  }
  const result = schema.safeParse(input);
  return result.success ? result.data : posValidation(fieldErrors(result.error));
}

/** True when an ISO time lies within optional inclusive bounds. */
export function within(time: string | undefined, from: string | undefined, to: string | undefined): boolean {
  if (from === undefined && to === undefined) return true;
  if (time === undefined) return false;
  const t = Date.parse(time);
  return (from === undefined || t >= Date.parse(from)) && (to === undefined || t <= Date.parse(to));
}
