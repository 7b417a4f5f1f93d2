import { createRedactor, fiskaltrustHeaders } from '@tillkit/auth';
import { createHttpClient, type HttpClient, type HttpClientOptions, type HttpRedactor } from '@tillkit/http';
import {
  EchoMessage,
  type JournalRequestInput,
  OperationItem,
  PairResponse,
  parseJsonLossless,
  parseOrThrow,
  type ReceiptRequestInput,
  stringifyJsonLossless,
  TillKitError,
  toTicks,
} from '@tillkit/models';
import { z } from 'zod';
import { CALLBACK_SIGNATURE_HEADER, signCallback } from './async/callback-signature.ts';
import { type BackgroundRunner, createInProcessRunner, type SignJob } from './async/runner.ts';
import { runSignJob } from './async/sign-job.ts';
import { type FiscalClientOptions, resolveFiscalConfig } from './config.ts';
import { mapFiskaltrustError } from './errors.ts';
import { newOperationId } from './operation-id.ts';
import { type SignResult, serializeReceiptRequest, signBody } from './sign.ts';

/** Options of {@link FiscalClient.sign}. */
export interface SignOptions {
  /** The idempotency key. Pass `operationIdFor(orderId, 'sign')` so a restart signs nothing twice. @default a random UUID */
  operationId?: string;
  signal?: AbortSignal;
}

/** Which journal to read: a type code (1 action, 2 receipt, 3 queue item, or a market export) and a range. */
export interface JournalQuery {
  type: bigint | number;
  /** @default the beginning */
  from?: Date | bigint;
  /** A date, ticks, `0` = everything from `from` on, or a negative count of entries. @default 0 */
  to?: Date | bigint | number;
}

/** The fiskaltrust POS System API v2 client. */
export interface FiscalClient {
  /** `POST /v2/echo`: a connectivity check; resolves with the echoed message. */
  echo(message?: string): Promise<string>;
  /** `POST /v2/sign`, idempotent under `operationId`; throws FISCAL_ERROR for an error/fail ftState. */
  sign(request: ReceiptRequestInput, options?: SignOptions): Promise<SignResult>;
  /** Signs in the background (same id on every retry) and POSTs a signed callback when done or failed. */
  signAsync(
    request: ReceiptRequestInput,
    options: { operationId: string; callbackUrl: string },
  ): Promise<{ operationId: string }>;
  /** Runs one signAsync job; what a durable runner's worker calls. */
  processSignJob(job: SignJob): Promise<void>;
  /** `POST /v2/journal`: the parsed journal (64-bit values as bigint). */
  journal(query: JournalQuery): Promise<unknown>;
  /** `GET /v2/journal/OperationItem/{id}`: the stored state of one operation. */
  operationItem(operationId: string): Promise<OperationItem>;
  /** `GET /v2/PeekJournalItem/{queueId}/OperationItem[/{id}]`. */
  peekOperationItems(queueId: string, operationId?: string): Promise<OperationItem[]>;
  /** `POST /v2/pair`: exchanges a portal PIN for CashBox credentials (sent without CashBox headers). */
  pair(pin: string): Promise<PairResponse>;
}

const Uuid = z.uuid();

/**
 * What fiskaltrust lets a client repeat under the same x-operation-id (spec §4.1 (6)): a gateway or
 * availability failure (502, 503, 504) and a rate limit (429, after its Retry-After). A 500, like a
 * 400/401/409, is stored as the operation's outcome, so repeating the id would only replay it.
 */
const FISKALTRUST_RETRY_STATUS_CODES: readonly number[] = [429, 502, 503, 504];

/**
 * Creates a {@link FiscalClient}. Options are validated once (INVALID_CONFIG names every bad field).
 *
 * @example
 * const fiscal = createFiscalClient({ cashBoxId, accessToken, posSystemId });
 * const { response, degraded } = await fiscal.sign(buildReceipt(order, { country: 'AT', cashBoxId }),
 *   { operationId: operationIdFor(order.id, 'sign') });
 */
export function createFiscalClient(options: FiscalClientOptions): FiscalClient {
  const config = resolveFiscalConfig(options);
  const logger = options.logger ?? {};
  const redactor: HttpRedactor = options.redactor ?? createRedactor([config.accessToken]);
  options.redactor?.add?.(config.accessToken);
  const runner: BackgroundRunner = options.runner ?? createInProcessRunner();
  const shared: Omit<HttpClientOptions, 'baseUrl'> = {
    timeoutMs: config.timeoutMs,
    retry: { ...config.retry, statusCodes: FISKALTRUST_RETRY_STATUS_CODES },
    parseJson: parseJsonLossless,
    stringifyJson: stringifyJsonLossless,
    mapErrorBody: mapFiskaltrustError,
    idempotencyHeader: 'x-operation-id',
    logger,
    redactor,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  };
  const credentials = {
    cashBoxId: config.cashBoxId,
    accessToken: config.accessToken,
    ...(config.posSystemId === undefined ? {} : { posSystemId: config.posSystemId }),
    ...(config.terminalId === undefined ? {} : { terminalId: config.terminalId }),
  };
  const api: HttpClient = createHttpClient({
    ...shared,
    baseUrl: config.baseUrl,
    headers: fiskaltrustHeaders(credentials),
  });
  const open: HttpClient = createHttpClient({ ...shared, baseUrl: config.baseUrl });
  const callbackClient = (callbackUrl: string): HttpClient => {
    const secret = config.callbackSecret ?? '';
    return createHttpClient({
      baseUrl: callbackUrl,
      timeoutMs: config.timeoutMs,
      retry: { ...config.retry, limit: config.callbackAttempts - 1 },
      sign: ({ body }) => ({ [CALLBACK_SIGNATURE_HEADER]: signCallback(secret, body ?? '') }),
      logger,
      redactor,
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    });
  };
  const operationId = (id: string | undefined): string =>
    id === undefined ? newOperationId() : parseOrThrow(Uuid, id, 'operationId');
  const inFlight = config.inFlight;

  const client: FiscalClient = {
    async echo(message = 'ping') {
      const res = await api.request({
        method: 'POST',
        path: '/v2/echo',
        json: { Message: message },
        idempotencyKey: newOperationId(),
      });
      return parseOrThrow(EchoMessage, res.data, 'fiskaltrust echo', 'INVALID_RESPONSE').Message;
    },

    sign(request, signOptions = {}) {
      const body = serializeReceiptRequest(request);
      return signBody(
        { http: api, inFlight, logger },
        body,
        operationId(signOptions.operationId),
        signOptions.signal,
      );
    },

    async signAsync(request, asyncOptions) {
      if (config.callbackSecret === undefined) {
        throw new TillKitError(
          'INVALID_CONFIG',
          'signAsync needs callbackSecret in the fiskaltrust client options',
          {
            issues: [{ path: 'callbackSecret', message: 'is required for signAsync' }],
          },
        );
      }
      const callbackUrl = parseOrThrow(
        z.url({ protocol: /^https?$/ }),
        asyncOptions.callbackUrl,
        'callbackUrl',
      );
      const job: SignJob = {
        operationId: operationId(asyncOptions.operationId),
        body: serializeReceiptRequest(request),
        callbackUrl,
      };
      await runner.enqueue(job, client.processSignJob);
      return { operationId: job.operationId };
    },

    processSignJob(job) {
      return runSignJob(
        {
          api,
          callbackClient,
          inFlight,
          attempts: config.asyncSignAttempts,
          backoff: {
            baseDelayMs: config.retry.baseDelayMs,
            maxDelayMs: config.retry.maxDelayMs,
          },
          logger,
          redact: (s) => redactor.text(s),
        },
        job,
      );
    },

    async journal(query) {
      const body: JournalRequestInput = {
        ftJournalType: BigInt(query.type),
        From: query.from instanceof Date ? toTicks(query.from) : (query.from ?? 0n),
        To: query.to instanceof Date ? toTicks(query.to) : BigInt(query.to ?? 0),
      };
      const res = await api.request({
        method: 'POST',
        path: '/v2/journal',
        json: body,
        idempotencyKey: newOperationId(),
      });
      return res.data;
    },

    async operationItem(id) {
      const res = await api.request({
        method: 'GET',
        path: `/v2/journal/OperationItem/${encodeURIComponent(parseOrThrow(Uuid, id, 'operationId'))}`,
      });
      return parseOrThrow(OperationItem, res.data, 'fiskaltrust OperationItem', 'INVALID_RESPONSE');
    },

    async peekOperationItems(queueId, id) {
      const base = `/v2/PeekJournalItem/${encodeURIComponent(parseOrThrow(Uuid, queueId, 'queueId'))}/OperationItem`;
      const path =
        id === undefined ? base : `${base}/${encodeURIComponent(parseOrThrow(Uuid, id, 'operationId'))}`;
      const res = await api.request({ method: 'GET', path });
      const items = Array.isArray(res.data) ? res.data : [res.data];
      return parseOrThrow(
        z.array(OperationItem),
        items,
        'fiskaltrust OperationItem list',
        'INVALID_RESPONSE',
      );
    },

    async pair(pin) {
      const res = await open.request({
        method: 'POST',
        path: '/v2/pair',
        json: { Pin: pin },
        idempotencyKey: newOperationId(),
      });
      return parseOrThrow(PairResponse, res.data, 'fiskaltrust pair response', 'INVALID_RESPONSE');
    },
  };
  return client;
}
