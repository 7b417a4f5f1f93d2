import { z } from 'zod';
import { FtCode, ReceiptResponse } from './receipt.ts';

// The other POS System API v2 bodies: echo, journal, pair, operation items, errors, and the async
// signing callback TillKit adds (decision 3 in shared/specs/README.md).

/** `POST /v2/echo`. fiskaltrust writes `Message`; older docs show `message`: both are accepted. */
export const EchoMessage = z.preprocess(
  (v) =>
    v && typeof v === 'object' && !('Message' in v) && 'message' in v
      ? { Message: (v as { message: unknown }).message }
      : v,
  z.looseObject({ Message: z.string() }),
);
export type EchoMessage = z.output<typeof EchoMessage>;

/** A .NET tick count (100 ns since 0001-01-01); these exceed 2^53, so bigint. */
const Ticks = z
  .union([z.bigint(), z.number().int().refine(Number.isSafeInteger, 'must be a safe integer or a bigint')])
  .transform((v) => BigInt(v));

/**
 * `POST /v2/journal`: To = 0 means "from From on", To < 0 means "−To entries from From". From and To
 * default to 0 (ifPOS v2 `JournalRequest.cs`: `EmitDefaultValue = false, IsRequired = false`).
 */
export const JournalRequest = z.object({
  ftJournalType: FtCode,
  From: Ticks.default(0n),
  To: Ticks.default(0n),
});
export type JournalRequestInput = z.input<typeof JournalRequest>;
export type JournalRequest = z.output<typeof JournalRequest>;

export const ReceiptJournalEntry = z.looseObject({
  ftReceiptJournalId: z.uuid(),
  ftQueueId: z.uuid(),
  ftQueueItemId: z.uuid(),
  ftReceiptNumber: z.number().int().nonnegative(),
  ftReceiptMoment: z.string(),
  ftReceiptTotal: z.number(),
  ftReceiptHash: z.string(),
  cbReceiptReference: z.string().optional(),
  TimeStamp: Ticks,
});
export type ReceiptJournalEntry = z.output<typeof ReceiptJournalEntry>;

export const ActionJournalEntry = z.looseObject({
  ftActionJournalId: z.uuid(),
  ftQueueId: z.uuid(),
  Moment: z.string(),
  Priority: z.number().int(),
  Type: z.string(),
  Message: z.string(),
  DataJson: z.string().optional(),
  TimeStamp: Ticks,
});
export type ActionJournalEntry = z.output<typeof ActionJournalEntry>;

export const OperationState = ['pending', 'processing', 'done', 'failed', 'unknown'] as const;
export type OperationState = (typeof OperationState)[number];

/** The stored state of one idempotent operation (`GET /v2/journal/OperationItem/{id}`). */
export const OperationItem = z.looseObject({
  cbOperationItemID: z.uuid(),
  ftQueueID: z.uuid(),
  ftPosSystemID: z.string().optional(),
  cbTerminalID: z.string().optional(),
  Method: z.string(),
  Path: z.string(),
  RequestHeaders: z.record(z.string(), z.array(z.string())),
  Request: z.string(),
  Response: z.string().optional(),
  ResponseCode: z.number().int(),
  LastState: z.enum(OperationState),
  TimeStamp: z.string(),
  ftOperationItemMoment: z.string(),
});
export type OperationItem = z.output<typeof OperationItem>;

/** `POST /v2/pair` request and response (the demo app reads `CashBoxId`; drafts write `CashBoxID`). */
export const PairRequest = z.object({ Pin: z.string().min(1) });
export const PairResponse = z.preprocess(
  (v) =>
    v && typeof v === 'object' && 'CashBoxID' in v && !('CashBoxId' in v)
      ? { ...v, CashBoxId: (v as { CashBoxID: unknown }).CashBoxID }
      : v,
  z.looseObject({ CashBoxId: z.uuid(), AccessToken: z.string().min(1) }),
);
export type PairResponse = z.output<typeof PairResponse>;

/** RFC 9457 ProblemDetails, as fiskaltrust answers errors. */
export const ProblemDetails = z.looseObject({
  type: z.string().optional(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z.unknown().optional(),
});
export type ProblemDetails = z.output<typeof ProblemDetails>;

/** The error body the product seed documents: `{error, message, details: {field, reason}}`. */
export const SeedErrorBody = z.looseObject({
  error: z.string(),
  message: z.string(),
  details: z.looseObject({ field: z.string().optional(), reason: z.string().optional() }).optional(),
});

/** Payload TillKit POSTs to a signAsync callback URL (the seed's `CallbackPayload`). */
export const SignCallbackPayload = z.object({
  OperationID: z.uuid(),
  QueueID: z.uuid().nullable(),
  State: z.enum(['done', 'failed']),
  StateMessage: z.string().optional(),
  StateData: ReceiptResponse.optional(),
});
export type SignCallbackPayload = z.output<typeof SignCallbackPayload>;
export type SignCallbackPayloadInput = z.input<typeof SignCallbackPayload>;
