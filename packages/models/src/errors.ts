import type { z } from 'zod';

/**
 * The closed set of error codes every TillKit package throws. Codes are stable: match on `code`,
 * never on `message`.
 */
export const ErrorCode = {
  /** Input (a request, a config, an API response we were asked to parse) failed validation; see `issues`. */
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  /** Configuration given to a client, engine or adapter is invalid; see `issues`. */
  INVALID_CONFIG: 'INVALID_CONFIG',
  /** The upstream API answered with a body that does not match its documented shape. */
  INVALID_RESPONSE: 'INVALID_RESPONSE',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  /** A uniqueness or state conflict (duplicate order number, illegal transition). */
  CONFLICT: 'CONFLICT',
  /** The operation is not allowed in the resource's current state (Paysera `invalid_state`). */
  INVALID_STATE: 'INVALID_STATE',
  /** The same idempotency key was reused with a different body (fiskaltrust 409). */
  IDEMPOTENCY_CONFLICT: 'IDEMPOTENCY_CONFLICT',
  /** The operation with this idempotency key is still running (fiskaltrust 422); retry later, same key. */
  OPERATION_IN_PROGRESS: 'OPERATION_IN_PROGRESS',
  RATE_LIMITED: 'RATE_LIMITED',
  /** The upstream failed (5xx) or is unreachable. */
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  TIMEOUT: 'TIMEOUT',
  NETWORK_ERROR: 'NETWORK_ERROR',
  /** The fiscal service processed the receipt but reported an error or failure state (ftState EEEE/FFFF). */
  FISCAL_ERROR: 'FISCAL_ERROR',
  /** The receipt would not balance: charge items and pay items differ. */
  RECEIPT_UNBALANCED: 'RECEIPT_UNBALANCED',
  /** The money cannot be returned through the API (no refund window, the window is over, the payment settled). */
  REFUND_NOT_SUPPORTED: 'REFUND_NOT_SUPPORTED',
  /** MAC authentication: header missing or malformed. */
  MAC_MALFORMED: 'MAC_MALFORMED',
  /** MAC authentication: unknown MAC id. */
  MAC_UNKNOWN_ID: 'MAC_UNKNOWN_ID',
  /** MAC authentication: the signature does not match the request. */
  MAC_INVALID: 'MAC_INVALID',
  /** MAC authentication: the body does not match `body_hash`. */
  MAC_BODY_HASH_MISMATCH: 'MAC_BODY_HASH_MISMATCH',
  /** MAC authentication: the timestamp is outside the accepted window. */
  MAC_TIMESTAMP_SKEW: 'MAC_TIMESTAMP_SKEW',
  /** MAC authentication: this (id, ts, nonce) was seen before. */
  MAC_NONCE_REPLAYED: 'MAC_NONCE_REPLAYED',
  /** A signed inbound message (a Paysera Wallet callback) does not verify with the sender's public key. */
  SIGNATURE_INVALID: 'SIGNATURE_INVALID',
  /** Anything unexpected. Wrapped once; the original is the `cause`. */
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const defaults: Record<ErrorCode, { status: number; retryable: boolean }> = {
  VALIDATION_FAILED: { status: 400, retryable: false },
  INVALID_CONFIG: { status: 500, retryable: false },
  INVALID_RESPONSE: { status: 502, retryable: false },
  UNAUTHENTICATED: { status: 401, retryable: false },
  FORBIDDEN: { status: 403, retryable: false },
  NOT_FOUND: { status: 404, retryable: false },
  CONFLICT: { status: 409, retryable: false },
  INVALID_STATE: { status: 409, retryable: false },
  IDEMPOTENCY_CONFLICT: { status: 409, retryable: false },
  OPERATION_IN_PROGRESS: { status: 422, retryable: true },
  RATE_LIMITED: { status: 429, retryable: true },
  UPSTREAM_UNAVAILABLE: { status: 503, retryable: true },
  TIMEOUT: { status: 504, retryable: true },
  NETWORK_ERROR: { status: 503, retryable: true },
  FISCAL_ERROR: { status: 502, retryable: false },
  RECEIPT_UNBALANCED: { status: 400, retryable: false },
  REFUND_NOT_SUPPORTED: { status: 422, retryable: false },
  MAC_MALFORMED: { status: 401, retryable: false },
  MAC_UNKNOWN_ID: { status: 401, retryable: false },
  MAC_INVALID: { status: 401, retryable: false },
  MAC_BODY_HASH_MISMATCH: { status: 401, retryable: false },
  MAC_TIMESTAMP_SKEW: { status: 401, retryable: false },
  MAC_NONCE_REPLAYED: { status: 401, retryable: false },
  SIGNATURE_INVALID: { status: 401, retryable: false },
  INTERNAL: { status: 500, retryable: false },
};

/** One problem with one field: `path` is dotted (`payments.0.price`), `message` says why. */
export interface FieldIssue {
  path: string;
  message: string;
}

export interface TillKitErrorOptions {
  /** Overrides the code's default HTTP status (e.g. the upstream's actual status). */
  status?: number;
  retryable?: boolean;
  issues?: FieldIssue[];
  /** Milliseconds the upstream asked us to wait (Retry-After), when known. */
  retryAfterMs?: number;
  /** Safe, non-secret context (upstream error code, operation id…). Never put credentials here. */
  details?: Record<string, unknown>;
  cause?: unknown;
}

const brand = Symbol.for('@tillkit/error');

/** The one error class of TillKit: a stable `code`, an HTTP `status`, whether a retry can help, and field issues. */
export class TillKitError extends Error {
  override readonly name = 'TillKitError' as const;
  readonly code: ErrorCode;
  readonly status: number;
  readonly retryable: boolean;
  readonly issues: FieldIssue[];
  readonly retryAfterMs: number | undefined;
  readonly details: Record<string, unknown>;
  readonly [brand] = true;

  constructor(code: ErrorCode, message: string, options: TillKitErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status ?? defaults[code].status;
    this.retryable = options.retryable ?? defaults[code].retryable;
    this.issues = options.issues ?? [];
    this.retryAfterMs = options.retryAfterMs;
    this.details = options.details ?? {};
  }

  /** A plain, serializable view (for logs and API error bodies). Contains no cause chain or stack. */
  toJSON(): {
    name: 'TillKitError';
    code: ErrorCode;
    message: string;
    status: number;
    retryable: boolean;
    issues: FieldIssue[];
  } {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      status: this.status,
      retryable: this.retryable,
      issues: this.issues,
    };
  }
}

/** True for any TillKitError, also one thrown by another copy of this package (brand check, not instanceof). */
export function isTillKitError(value: unknown): value is TillKitError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}

/** Wraps anything thrown into a TillKitError exactly once: TillKitErrors pass through unchanged. */
export function toTillKitError(value: unknown): TillKitError {
  if (isTillKitError(value)) return value;
  const message = value instanceof Error ? value.message : 'Unexpected error';
  return new TillKitError(ErrorCode.INTERNAL, message, { cause: value });
}

/** Turns zod issues into `{ path, message }` field issues, with a dotted path (`''` for the root). */
export function issuesFromZod(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}
