import type { CheckoutStore } from './port.ts';
/** What the store needs of a pg client: `pg.Pool` and `pg.PoolClient` both fit. */
export interface PgQueryable {
    query(text: string, params?: unknown[]): Promise<{
        rows: Record<string, unknown>[];
        rowCount: number | null;
    }>;
}
/** A pool: plain queries, plus a dedicated connection for a transaction. */
export interface PgPoolLike extends PgQueryable {
    connect(): Promise<PgQueryable & {
        release(error?: Error | boolean): void;
    }>;
}
export interface PostgresStoreOptions {
    /** A `pg.Pool` (or compatible). The store never ends it: its owner does. */
    pool: PgPoolLike;
    /** Prefix of the four tables (`{prefix}docs`, `jobs`, `events`, `leases`). Letters, digits, `_`. @default 'tillkit_' */
    tablePrefix?: string;
}
/** Creates the store; its tables are created (if missing) on the first call. */
export declare function createPostgresStore(options: PostgresStoreOptions): CheckoutStore;
//# sourceMappingURL=postgres.d.ts.map