import { type PosPage, TillKitError } from '@tillkit/models';

/** A page of a POS list, iterable over every item of this and all following pages (`links.next`). */
export interface PosPageResult<T> extends PosPage<T>, AsyncIterable<T> {
  /** This page and each following page, in order. */
  pages(): AsyncIterable<PosPage<T>>;
}

/** Turns an absolute or base-relative `links.next` into a path under `baseUrl`, refusing other hosts (the token must not leak). */
export function nextPath(link: string, baseUrl: string): { path: string; searchParams: URLSearchParams } {
  const base = new URL(`${baseUrl.replace(/\/+$/, '')}/`);
  const target = new URL(link, base);
  const basePath = base.pathname.replace(/\/$/, '');
  if (target.origin !== base.origin || !target.pathname.startsWith(`${basePath}/`)) {
    throw new TillKitError('INVALID_RESPONSE', 'POS pagination link points outside the API base URL', {
      details: { link: `${target.origin}${target.pathname}` },
    });
  }
  return { path: target.pathname.slice(basePath.length), searchParams: target.searchParams };
}

/** Wraps a first page with iteration that fetches following pages through `fetchNext`. */
export function pageResult<T>(
  first: PosPage<T>,
  fetchNext: (link: string) => Promise<PosPage<T>>,
): PosPageResult<T> {
  async function* pages(): AsyncGenerator<PosPage<T>> {
    let page: PosPage<T> | undefined = first;
    const seen = new Set<string>();
    while (page) {
      yield page;
      const next = page.links.next;
      // A server that links a page to itself (or loops) must not make us spin forever.
      if (!next || seen.has(next) || page.data.length === 0) return;
      seen.add(next);
      page = await fetchNext(next);
    }
  }
  return {
    ...first,
    pages,
    async *[Symbol.asyncIterator]() {
      for await (const page of pages()) yield* page.data;
    },
  };
}
