import { type HttpClient, type HttpLogger, wait } from '@tillkit/http';
import {
  isTillKitError,
  parseOrThrow,
  ReceiptRequest,
  type ReceiptRequestInput,
  ReceiptResponse,
  SIGNATURE_FAILURE,
  stringifyJsonLossless,
  TillKitError,
} from '@tillkit/models';
import { isSealedReceiptRequest } from './receipt/sealed.ts';
import { decodeFiscalState, type FiscalState } from './state.ts';

/** A signed receipt and what the caller must know about it. */
export interface SignResult {
  /** The `x-operation-id` it was signed under (keep it: a retry with it replays this result). */
  operationId: string;
  /** True when fiskaltrust returned the stored result of an earlier run (HTTP 200, not 201). */
  replayed: boolean;
  response: ReceiptResponse;
  state: FiscalState;
  /** Signed, but with state flags set (SCU failed, late signing, closing due…): act on `state.flags`. */
  degraded: boolean;
}

// The response behind a FISCAL_ERROR stays off `details`: its bigint codes would make any
// JSON.stringify of the error (a logger, an API error body) throw.
const responses = new WeakMap<object, ReceiptResponse>();

/** The ReceiptResponse a FISCAL_ERROR was raised for (its signatures name the cause), if any. */
export function receiptResponseOf(error: unknown): ReceiptResponse | undefined {
  return typeof error === 'object' && error !== null ? responses.get(error) : undefined;
}

/**
 * The exact bytes of a receipt request: validated, then serialised once with 64-bit codes as bare
 * numbers. A request straight from the builder is valid by construction and frozen, so it is not
 * parsed a second time (zod was a good part of the client's CPU per sign).
 */
export function serializeReceiptRequest(request: ReceiptRequestInput): string {
  if (isSealedReceiptRequest(request)) return stringifyJsonLossless(request);
  return stringifyJsonLossless(parseOrThrow(ReceiptRequest, request, 'receipt request'));
}

interface SignDeps {
  http: HttpClient;
  inFlight: { limit: number; delayMs: number };
  logger: HttpLogger;
}

/**
 * POSTs the given bytes to /v2/sign under one operation id until fiskaltrust answers: transport
 * retries happen in the HTTP layer (same id, same bytes), a 422 "still in process" waits and asks
 * again with the same id (bounded), a 409 means the id was used for another body and is never
 * "fixed" by signing under a new id.
 */
export async function signBody(
  deps: SignDeps,
  body: string,
  operationId: string,
  signal?: AbortSignal,
): Promise<SignResult> {
  for (let waited = 0; ; waited++) {
    try {
      const res = await deps.http.request({
        method: 'POST',
        path: '/v2/sign',
        body,
        idempotencyKey: operationId,
        ...(signal === undefined ? {} : { signal }),
      });
      return toResult(res.status, res.data, operationId, deps.logger);
    } catch (error) {
      if (isTillKitError(error) && error.code === 'OPERATION_IN_PROGRESS' && waited < deps.inFlight.limit) {
        await wait(deps.inFlight.delayMs * 2 ** Math.min(waited, 3), signal).catch((reason: unknown) => {
          // The HTTP layer maps an abort during its own requests and waits; this wait is ours.
          throw new TillKitError('NETWORK_ERROR', 'fiskaltrust sign was aborted by the caller', {
            retryable: false,
            details: { operationId },
            cause: reason,
          });
        });
        continue;
      }
      throw error;
    }
  }
}

function toResult(status: number, data: unknown, operationId: string, logger: HttpLogger): SignResult {
  const response = parseOrThrow(ReceiptResponse, data, 'fiskaltrust ReceiptResponse', 'INVALID_RESPONSE');
  const state = decodeFiscalState(response.ftState);
  const context = {
    operationId,
    ftState: state.hex,
    ftQueueItemID: response.ftQueueItemID,
    ftReceiptIdentification: response.ftReceiptIdentification,
  };
  if (state.outcome !== 'ok' || state.flags.outOfService) {
    const reasons = response.ftSignatures
      .filter(
        (s) =>
          (s.ftSignatureType & 0xf000n) === SIGNATURE_FAILURE ||
          s.Caption === 'FAILURE' ||
          s.Caption?.startsWith('[Error]'),
      )
      // A signature may carry "Data": null (ifPOS v2 SignatureItem); the caption then says enough.
      .map((s) => s.Data ?? s.Caption ?? '');
    const what =
      state.outcome === 'ok'
        ? 'is out of operation (send a start receipt first); nothing was signed'
        : `reported ${state.outcome}`;
    const error = new TillKitError(
      'FISCAL_ERROR',
      `fiskaltrust ${what}: ftState ${state.hex}${reasons.length ? ` (${reasons.join('; ')})` : ''}`,
      { details: { ...context, outcome: state.outcome, reasons } },
    );
    responses.set(error, response);
    throw error;
  }
  if (state.degraded) {
    const flags = Object.entries(state.flags)
      .filter(([, on]) => on)
      .map(([name]) => name);
    logger.warn?.('fiscal receipt signed in a degraded state', { ...context, flags });
  }
  return { operationId, replayed: status === 200, response, state, degraded: state.degraded };
}
