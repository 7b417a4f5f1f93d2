import { isTillKitError } from '@tillkit/models';
import { describe, expect, it } from 'vitest';
import { nextPath, pageResult } from './paginate.ts';

const links = (next: string | null) => ({
  first: '/eapi/v1/x?page=1',
  last: '/eapi/v1/x?page=9',
  self: '/eapi/v1/x',
  next,
});

describe('nextPath', () => {
  it('turns a base-relative link into a path and query under the base URL', () => {
    const { path, searchParams } = nextPath(
      '/eapi/v1/orders?page=2&pageSize=10',
      'https://pos.paysera.com/eapi/v1',
    );
    expect(path).toBe('/orders');
    expect(searchParams.toString()).toBe('page=2&pageSize=10');
  });

  it('refuses a link to another host, so the bearer token is never sent there', () => {
    let error: unknown;
    try {
      nextPath('https://evil.example/eapi/v1/orders?page=2', 'https://pos.paysera.com/eapi/v1');
    } catch (e) {
      error = e;
    }
    expect(isTillKitError(error) && error.code).toBe('INVALID_RESPONSE');
  });
});

describe('pageResult', () => {
  it('stops at a page that links to itself instead of looping', async () => {
    let fetches = 0;
    const first = { itemsTotal: 4, pagesTotal: 2, data: [1, 2], links: links('/eapi/v1/x?page=2') };
    const result = pageResult(first, async () => {
      fetches++;
      return { itemsTotal: 4, pagesTotal: 2, data: [3, 4], links: links('/eapi/v1/x?page=2') };
    });
    const items: number[] = [];
    for await (const i of result) items.push(i);
    expect(items).toEqual([1, 2, 3, 4]);
    expect(fetches).toBe(1);
  });
});
