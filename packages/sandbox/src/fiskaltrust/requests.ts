import { EchoMessage, JournalRequest, PairRequest, parseJsonLossless, ReceiptRequest } from '@tillkit/models';
import type { z } from 'zod';
import type { SandboxRequest, SandboxResponse } from '../contract.ts';
import { fieldErrors } from '../shared/body.ts';
import type { OperationResult } from './operations.ts';
import { JSON_TYPE, PROBLEM_JSON, problem, validationProblem } from './problem.ts';
import type { SignInputRequest } from './sign.ts';
import type { CashBoxRecord } from './storage.ts';

// Request bodies: parsed losslessly (64-bit codes and ticks stay exact) and checked with the
// @tillkit/models schemas at the edge. Shape errors are 400 ProblemDetails, never a receipt.

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

type Parsed<T> = { ok: true; value: T } | { ok: false; response: SandboxResponse };

/** The raw body parsed with parseJsonLossless and checked with `schema`. */
function parseBody<S extends z.ZodType>(
  raw: string,
  schema: S,
  normalise?: (data: unknown) => unknown,
): Parsed<z.output<S>> {
  if (raw.trim() === '') return { ok: false, response: problem(400, 'A JSON request body is required.') };
  let data: unknown;
  try {
    data = parseJsonLossless(raw);
  } catch {
    return { ok: false, response: problem(400, 'The request body is not valid JSON.') };
  }
  const result = schema.safeParse(normalise === undefined ? data : normalise(data));
  if (result.success) return { ok: true, value: result.data };
  const errors = fieldErrors(result.error);
  return { ok: false, response: validationProblem(JSON.stringify(errors), errors) };
}

/** Renames the one property whose name equals `name` ignoring case (`message`, `MESSAGE` → `Message`). */
function caseInsensitive(name: string): (data: unknown) => unknown {
  const lower = name.toLowerCase();
  return (data) => {
    if (data === null || typeof data !== 'object' || Array.isArray(data) || name in data) return data;
    const key = Object.keys(data).find((k) => k.toLowerCase() === lower);
    return key === undefined ? data : { ...data, [name]: (data as Record<string, unknown>)[key] };
  };
}

/** `POST /v2/echo`: `{Message}` back (the key is matched case-insensitively). */
export function echo(raw: string): OperationResult {
  const parsed = parseBody(raw, EchoMessage, caseInsensitive('Message'));
  if (!parsed.ok) return asResult(parsed.response);
  return { status: 200, contentType: JSON_TYPE, body: JSON.stringify({ Message: parsed.value.Message }) };
}

/** `POST /v2/pair` body: the PIN (key matched case-insensitively). */
export function pairPin(raw: string): Parsed<string> {
  const parsed = parseBody(raw, PairRequest, caseInsensitive('Pin'));
  return parsed.ok ? { ok: true, value: parsed.value.Pin } : parsed;
}

/** `POST /v2/journal` body. */
export function journalRequest(raw: string): Parsed<JournalRequest> {
  return parseBody(raw, JournalRequest);
}

/** A sign body, checked against the headers as the local POS System API does. */
export function signRequest(
  req: SandboxRequest,
  raw: string,
  cashBox: CashBoxRecord,
): Parsed<SignInputRequest> {
  const parsed = parseBody(raw, ReceiptRequest);
  if (!parsed.ok) return parsed;
  const request = parsed.value;
  const fail = (detail: string): Parsed<SignInputRequest> => ({ ok: false, response: problem(400, detail) });
  if (
    request.ftCashBoxID !== undefined &&
    request.ftCashBoxID.toLowerCase() !== cashBox.cashBoxId.toLowerCase()
  ) {
    return fail('CashBoxID in request does not match the CashBoxID in the request header.');
  }
  const terminalId = req.headers['x-terminal-id'];
  if (terminalId !== undefined && request.cbTerminalID !== undefined && terminalId !== request.cbTerminalID) {
    return fail('TerminalID in request does not match the TerminalID in the request header.');
  }
  const posSystemHeader = req.headers['x-possystem-id'];
  const posSystemId = request.ftPosSystemId;
  if (
    posSystemHeader !== undefined &&
    posSystemId !== undefined &&
    posSystemHeader.toLowerCase() !== posSystemId.toLowerCase()
  ) {
    return fail('PosSystemID in request does not match the PosSystemID in the request header.');
  }
  // The fiskaltrust sandbox accepts the nil PosSystem id for development (devkit `ftPosAPI.Init`).
  const given = posSystemId ?? posSystemHeader;
  const registered = cashBox.posSystemId;
  if (
    registered !== undefined &&
    given !== undefined &&
    given !== NIL_UUID &&
    given.toLowerCase() !== registered.toLowerCase()
  ) {
    return fail('The PosSystemID is not registered for this CashBox.');
  }
  if (request.ftQueueID !== undefined && request.ftQueueID.toLowerCase() !== cashBox.queueId.toLowerCase()) {
    return fail('QueueID in request does not match the queue of this CashBox.');
  }
  return { ok: true, value: { request, raw, terminalId } };
}

/** A ProblemDetails response as an operation result (failed operations store and replay it). */
export function asResult(response: SandboxResponse): OperationResult {
  return {
    status: response.status,
    contentType: response.headers?.['content-type'] ?? PROBLEM_JSON,
    body: String(response.body),
  };
}
