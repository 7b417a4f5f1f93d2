// The TypeORM store's tables as `EntitySchema`s: no decorators, so this package needs no decorator
// compilation, and a host (Vendure's plugin `entities`, any `DataSource`) lists them like entity classes.
import { EntitySchema, type EntitySchemaColumnOptions, type EntitySchemaOptions } from 'typeorm';

export interface DocRow {
  collection: string;
  id: string;
  version: number;
  tag: string | null;
  value: string;
}

export interface JobRow {
  key: string;
  kind: string;
  payload: string;
  runAt: number;
  state: string;
  attempts: number;
  lastError: string | null;
  leaseOwner: string | null;
  leaseUntil: number | null;
  updatedAt: number;
}

export interface EventRow {
  seq: number;
  key: string;
  type: string;
  attemptId: string;
  orderRef: string;
  at: number;
  data: string;
}

export interface LeaseRow {
  name: string;
  owner: string;
  until: number;
}

const varchar = (length: number, more: Partial<EntitySchemaColumnOptions> = {}) =>
  ({ type: 'varchar', length, ...more }) as const;
const text = { type: 'text' } as const;
const int = { type: 'int' } as const;
// Unix milliseconds exceed PostgreSQL's int4; pg returns int8 as a string, so read it back as a number.
const millis = {
  type: 'bigint',
  transformer: {
    to: (v: unknown) => v,
    from: (v: string | number | null) => (v === null ? null : Number(v)),
  },
} as const;

// Vendure tells plugin entities apart by `name` (a class has one); an EntitySchema carries it in `options`.
const schema = <T>(options: EntitySchemaOptions<T>) =>
  Object.assign(new EntitySchema<T>(options), { name: options.name });

/** One document of a `CheckoutStore` collection, written with compare-and-set on `version`. */
export const TillKitDoc = schema<DocRow>({
  name: 'TillKitDoc',
  tableName: 'tillkit_doc',
  columns: {
    collection: varchar(32, { primary: true }),
    id: varchar(255, { primary: true }),
    version: int,
    tag: varchar(255, { nullable: true }),
    value: text,
  },
  indices: [{ name: 'IDX_tillkit_doc_tag', columns: ['collection', 'tag'] }],
});

/** The service's outbox: receipt signing, POS sync and other durable jobs, leased to one runner at a time. */
export const TillKitJob = schema<JobRow>({
  name: 'TillKitJob',
  tableName: 'tillkit_job',
  columns: {
    key: varchar(255, { primary: true }),
    kind: varchar(64),
    payload: text,
    runAt: millis,
    state: varchar(16),
    attempts: int,
    lastError: { ...text, nullable: true },
    leaseOwner: varchar(255, { nullable: true }),
    leaseUntil: { ...millis, nullable: true },
    updatedAt: millis,
  },
  indices: [{ name: 'IDX_tillkit_job_due', columns: ['state', 'runAt'] }],
});

/** The durable event stream, in `seq` order; `key` makes appends idempotent. */
export const TillKitEvent = schema<EventRow>({
  name: 'TillKitEvent',
  tableName: 'tillkit_event',
  columns: {
    seq: { type: Number, primary: true, generated: 'increment' }, // as @PrimaryGeneratedColumn()
    key: varchar(255),
    type: varchar(32),
    attemptId: varchar(64),
    orderRef: varchar(255),
    at: millis,
    data: text,
  },
  indices: [{ name: 'IDX_tillkit_event_key', columns: ['key'], unique: true }],
});

/** Named leases (the ticker's): one owner until `until`. */
export const TillKitLease = schema<LeaseRow>({
  name: 'TillKitLease',
  tableName: 'tillkit_lease',
  columns: {
    name: varchar(64, { primary: true }),
    owner: varchar(255),
    until: millis,
  },
});

/** The store's tables, for a TypeORM `DataSource` (Vendure: the plugin's `entities`). */
export const checkoutStoreEntities = [TillKitDoc, TillKitJob, TillKitEvent, TillKitLease];
