import type { PageLinks, PosPage } from '@tillkit/models';
import type { SandboxRequest } from '../contract.ts';

/** Page number and size of a list request; `limit` is accepted as an alias of `pageSize`. */
export interface PageRequest {
  page: number;
  pageSize: number;
}

/** Raw paging values to validate with the shared filter schema (non-numeric text stays text so zod names it). */
export function pagingInput(query: URLSearchParams): { page?: unknown; pageSize?: unknown } {
  const out: { page?: unknown; pageSize?: unknown } = {};
  const page = query.get('page');
  const size = query.get('pageSize') ?? query.get('limit');
  if (page !== null) out.page = numeric(page);
  if (size !== null) out.pageSize = numeric(size);
  return out;
}

/** A numeric query value as a number, anything else unchanged (so validation reports it). */
export function numeric(raw: string): unknown {
  return /^-?\d+$/.test(raw) ? Number(raw) : raw;
}

/**
 * One page of `items` with `itemsTotal`, `pagesTotal` and HATEOAS links (first, last, prev, next, self;
 * null where absent). Links keep the request's other query parameters and spell the size `pageSize`.
 */
export function paginate<T>(
  req: SandboxRequest,
  items: readonly T[],
  paging: { page?: number | undefined; pageSize?: number | undefined },
): PosPage<T> {
  const page = paging.page ?? 1;
  const pageSize = paging.pageSize ?? 10;
  const itemsTotal = items.length;
  const pagesTotal = Math.ceil(itemsTotal / pageSize);
  const link = (n: number) => {
    const q = new URLSearchParams(req.query);
    q.delete('page');
    q.delete('pageSize');
    q.delete('limit');
    q.set('page', String(n));
    q.set('pageSize', String(pageSize));
    return `${req.path}?${q.toString()}`;
  };
  const last = Math.max(pagesTotal, 1);
  const links: PageLinks = {
    first: link(1),
    last: link(last),
    prev: page > 1 && pagesTotal > 0 ? link(Math.min(page - 1, last)) : null,
    next: page < pagesTotal ? link(page + 1) : null,
    self: link(page),
  };
  return { itemsTotal, pagesTotal, data: items.slice((page - 1) * pageSize, page * pageSize), links };
}
