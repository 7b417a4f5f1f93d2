// The checkout service's durable state as plain TypeORM entities (no Vendure import): in Vendure's own
// database as plugin entities, so it survives restarts and every server and worker of the shop shares it.
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

// Unix milliseconds exceed PostgreSQL's int4; pg returns int8 as a string, so read it back as a number.
const millis = {
  type: 'bigint',
  transformer: {
    to: (v: unknown) => v,
    from: (v: string | number | null) => (v === null ? null : Number(v)),
  },
} as const;

/** One document of a `CheckoutStore` collection, written with compare-and-set on `version`. */
@Entity('tillkit_doc')
@Index('IDX_tillkit_doc_tag', ['collection', 'tag'])
export class TillKitDoc {
  @PrimaryColumn('varchar', { length: 32 }) collection: string;
  @PrimaryColumn('varchar', { length: 255 }) id: string;
  @Column('int') version: number;
  @Column('varchar', { length: 255, nullable: true }) tag: string | null;
  @Column('text') value: string;
}

/** The service's outbox: receipt signing, POS sync and other durable jobs, leased to one runner at a time. */
@Entity('tillkit_job')
@Index('IDX_tillkit_job_due', ['state', 'runAt'])
export class TillKitJob {
  @PrimaryColumn('varchar', { length: 255 }) key: string;
  @Column('varchar', { length: 64 }) kind: string;
  @Column('text') payload: string;
  @Column(millis) runAt: number;
  @Column('varchar', { length: 16 }) state: string;
  @Column('int') attempts: number;
  @Column('text', { nullable: true }) lastError: string | null;
  @Column('varchar', { length: 255, nullable: true }) leaseOwner: string | null;
  @Column({ ...millis, nullable: true }) leaseUntil: number | null;
  @Column(millis) updatedAt: number;
}

/** The durable event stream, in `seq` order; `key` makes appends idempotent. */
@Entity('tillkit_event')
export class TillKitEvent {
  @PrimaryGeneratedColumn() seq: number;
  @Index('IDX_tillkit_event_key', { unique: true }) @Column('varchar', { length: 255 }) key: string;
  @Column('varchar', { length: 32 }) type: string;
  @Column('varchar', { length: 64 }) attemptId: string;
  @Column('varchar', { length: 255 }) orderRef: string;
  @Column(millis) at: number;
  @Column('text') data: string;
}

/** Named leases (the ticker's): one owner until `until`. */
@Entity('tillkit_lease')
export class TillKitLease {
  @PrimaryColumn('varchar', { length: 64 }) name: string;
  @Column('varchar', { length: 255 }) owner: string;
  @Column(millis) until: number;
}

/** The store's tables, for a TypeORM `DataSource` (Vendure: the plugin's `entities`). */
export const checkoutStoreEntities = [TillKitDoc, TillKitJob, TillKitEvent, TillKitLease];
