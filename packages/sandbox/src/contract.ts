// The seam between the sandbox's HTTP core and its three emulators (POS, Wallet, fiskaltrust).
// Emulators are plain request → response functions over a SandboxStore, so they can be tested without
// a socket, persisted by swapping the store, and mounted by the core (which owns auth-agnostic
// concerns: routing by prefix, fault injection, rate limits, logging).

/** A request as the core hands it to an emulator. `rawBody` is the exact bytes received (MAC body hashes need them). */
export interface SandboxRequest {
  method: string;
  /** Path without the query string, e.g. `/rest/v1/spots`. */
  path: string;
  /** Raw query string without `?` (signed verbatim by MAC), e.g. `status=waiting&location_id=1`. */
  rawQuery: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  rawBody: Buffer;
  /** Host and port the client connected to (from the Host header). */
  host: string;
  port: number;
}

export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  /** A string or Buffer is sent as is; anything else is serialised with stringifyJsonLossless. */
  body?: unknown;
}

/**
 * Synchronous key/value collections. In memory by default; a SQLite file (node:sqlite) when the sandbox
 * is started with `--db`, so a restart keeps every transaction, receipt and journal entry. Values must be
 * JSON-serialisable (bigints allowed: they are written losslessly).
 */
export interface SandboxStore {
  get<T>(collection: string, id: string): T | undefined;
  put<T>(collection: string, id: string, value: T): void;
  delete(collection: string, id: string): void;
  /** All values of a collection in insertion order. */
  list<T>(collection: string): T[];
  /** Next value of a named counter, starting at 1 (ids, receipt numbers, queue rows). */
  nextSequence(name: string): number;
  /** Runs fn atomically (one SQLite transaction; a plain call in memory). */
  transaction<T>(fn: () => T): T;
  close(): void;
}

export interface EmulatorContext {
  store: SandboxStore;
  /** Injectable clock (tests move time without sleeping). */
  now: () => Date;
}

export interface Emulator {
  /** Route prefix this emulator serves, e.g. `/eapi/v1`, `/rest/v1`, `/v2`. */
  prefix: string;
  handle(req: SandboxRequest): Promise<SandboxResponse> | SandboxResponse;
}
