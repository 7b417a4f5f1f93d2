// Until @tillkit/checkout exports `./postgres` (NEEDS.md item 1): the shape of that entry, so this package
// compiles against its final import. Delete this file when the export lands.
declare module '@tillkit/checkout/postgres' {
  import type { CheckoutStore } from '@tillkit/checkout';
  export interface PgQueryable {
    query(
      text: string,
      params?: unknown[],
    ): Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }>;
  }
  export interface PgPoolLike extends PgQueryable {
    connect(): Promise<PgQueryable & { release(error?: Error | boolean): void }>;
  }
  export function createPostgresStore(options: { pool: PgPoolLike; tablePrefix?: string }): CheckoutStore;
}
