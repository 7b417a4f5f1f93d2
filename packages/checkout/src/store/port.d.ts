/** The document collections the service uses. */
export type Collection = 
/** Engine checkouts (one per attempt), tag `live` while the engine has work. */
'checkouts'
/** Payment attempts with their order snapshot. */
 | 'attempts'
/** orderRef → attempt ids; idempotency keys → attempt id. */
 | 'index'
/** Spot claims (`spot:{location}:{id}` → holder). */
 | 'spots'
/** Signed (or failed) receipts by receipt key. */
 | 'receipts'
/** Refunds by id. */
 | 'refunds'
/** Small settings: the token secret, consumer cursors. */
 | 'meta';
export interface Doc<T = unknown> {
    id: string;
    /** 1 for a new document; every write bumps it. */
    version: number;
    /** A secondary key `list` can find documents by (`live`), or null. */
    tag: string | null;
    value: T;
}
export interface Write {
    collection: Collection;
    id: string;
    /** The version the caller read (0: the document must not exist yet). The write stores `expectVersion + 1`. */
    expectVersion: number;
    /** The new value; null deletes the document. */
    value: unknown;
    /** @default null */
    tag?: string | null;
}
export interface NewJob {
    /** Unique: a job with a key already stored is skipped (so enqueueing is idempotent). */
    key: string;
    kind: string;
    payload: unknown;
    /** Unix ms: not run before this. */
    runAt: number;
}
export type JobState = 'pending' | 'done' | 'failed';
export interface Job extends NewJob {
    state: JobState;
    /** Runs started so far. */
    attempts: number;
    lastError?: string;
    /** Who holds the job now and until when (unix ms); a lease past its end can be claimed again. */
    leaseOwner?: string;
    leaseUntil?: number;
    updatedAt: number;
}
export interface NewEvent {
    /** Unique: an event with a key already stored is skipped. */
    key: string;
    type: string;
    attemptId: string;
    orderRef: string;
    at: number;
    data: Record<string, unknown>;
}
export interface StoredEvent extends NewEvent {
    seq: number;
}
export interface Batch {
    writes?: Write[];
    jobs?: NewJob[];
    events?: NewEvent[];
}
export type JobOutcome = {
    state: 'done';
} | {
    state: 'pending';
    runAt: number;
    error: string;
} | {
    state: 'failed';
    error: string;
};
export interface CheckoutStore {
    get<T = unknown>(collection: Collection, id: string): Promise<Doc<T> | undefined>;
    /** Every document of the collection with this tag. */
    list<T = unknown>(collection: Collection, tag: string): Promise<Doc<T>[]>;
    /**
     * Applies every write, job and event atomically. Returns false, and writes nothing, when any write's
     * `expectVersion` does not match. Jobs and events whose key exists are skipped (not an error).
     */
    commit(batch: Batch): Promise<boolean>;
    /**
     * Pending jobs due at `now` whose lease is free or expired, oldest `runAt` first, each leased to `owner`
     * until `now + leaseMs` and its `attempts` bumped. Two callers never get the same job while a lease runs.
     */
    claimJobs(options: {
        now: number;
        limit: number;
        leaseMs: number;
        owner: string;
    }): Promise<Job[]>;
    /** Records a run's outcome; false when `owner` no longer holds the job (its lease expired and was taken). */
    settleJob(key: string, owner: string, outcome: JobOutcome, now: number): Promise<boolean>;
    getJob(key: string): Promise<Job | undefined>;
    /** Events with `seq > after`, in order. */
    events(after: number, limit: number): Promise<StoredEvent[]>;
    /** Takes or renews the named lease for `owner`; false while another owner holds it unexpired. */
    lease(name: string, owner: string, ttlMs: number, now: number): Promise<boolean>;
    releaseLease(name: string, owner: string): Promise<void>;
    close?(): Promise<void>;
}
//# sourceMappingURL=port.d.ts.map