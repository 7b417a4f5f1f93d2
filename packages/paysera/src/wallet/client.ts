import { type MacCredentials, signMac } from '@tillkit/auth';
import {
  createHttpClient,
  type HttpClient,
  type HttpLogger,
  type HttpRequest,
  type RetryPolicy,
} from '@tillkit/http';
import {
  ConfirmPricesInput,
  type CreateTransactionInput,
  CreateTransactionInput as CreateTransactionSchema,
  FinalizePaymentInput,
  parseOrThrow,
  Spot,
  SpotList,
  SpotOrder,
  TillKitError,
  Transaction,
  TransactionList,
  type Transaction as TransactionType,
  WalletPayment,
} from '@tillkit/models';
import type { z } from 'zod';
import type { TransactionScope, WalletPort } from '../engine/wallet-port.ts';
import { mapWalletError } from './errors.ts';

/** Options of {@link createWalletClient}. */
export interface WalletClientOptions {
  /** The MAC id and key issued by Paysera. The key never leaves this process unsigned or in a log. */
  credentials: MacCredentials;
  /** @default 'https://wallet.paysera.com/rest/v1' */
  baseUrl?: string;
  /** Per-attempt timeout. @default 10000 */
  timeoutMs?: number;
  /** Retries of safe reads and revoke/close on 5xx, 429 and network errors (confirm, cancel and finalize are never retried). The engine passes `{ limit: 0 }`. */
  retry?: Partial<RetryPolicy>;
  /** Default `project_id` signed into the ext of transaction create and confirm. */
  projectId?: number;
  /** Unix-seconds clock for the MAC `ts` (e.g. synced with `GET /server`). @default Date.now */
  clock?: () => number;
  logger?: HttpLogger;
  fetch?: typeof fetch;
}

/** The Wallet API client for scan-and-pay; every request is MAC-signed per attempt (fresh ts and nonce). */
export interface WalletClient extends WalletPort {
  /** Spots in the given statuses, optionally limited to many locations in one request. */
  listSpots(query?: {
    status?: readonly string[];
    locationIds?: readonly number[];
    limit?: number;
    offset?: number;
  }): Promise<SpotList>;
  /** Spot orders (with their transactions) of a spot. */
  listSpotOrders(spotId: number): Promise<SpotOrder[]>;
  /** One payment (`GET /payment/{id}`): read it after a cancel or finalize whose answer was lost. */
  getPayment(paymentId: number): Promise<WalletPayment>;
}

const DEFAULT_BASE = 'https://wallet.paysera.com/rest/v1';

/**
 * Creates a Wallet API client.
 *
 * @example
 * const wallet = createWalletClient({ credentials: { macId, macKey } });
 * const { spots } = await wallet.listSpots({ status: ['waiting'], locationIds: [9975, 9976] });
 */
export function createWalletClient(options: WalletClientOptions): WalletClient {
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE).replace(/\/+$/, '');
  const clock = options.clock ?? Date.now;
  const clients = new Map<string, HttpClient>();
  // The ext parameters are part of the signature, and the signer is per client: one client per ext.
  const http = (ext: Record<string, string> = {}): HttpClient => {
    const id = JSON.stringify(ext);
    let client = clients.get(id);
    if (!client) {
      client = createHttpClient({
        baseUrl,
        timeoutMs: options.timeoutMs ?? 10_000,
        ...(options.retry === undefined ? {} : { retry: options.retry }),
        ...(options.logger === undefined ? {} : { logger: options.logger }),
        ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
        mapErrorBody: mapWalletError,
        sign: ({ method, url, body }) => ({
          authorization: signMac({
            credentials: options.credentials,
            method,
            url,
            ...(body === undefined ? {} : { body }),
            extraParameters: ext,
            timestamp: Math.floor(clock() / 1000),
          }).authorization,
        }),
      });
      clients.set(id, client);
    }
    return client;
  };
  const call = async <S extends z.ZodType>(
    schema: S,
    what: string,
    req: HttpRequest,
    ext?: Record<string, string>,
  ): Promise<z.output<S>> => {
    const { data } = await http(ext).request(req);
    return parseOrThrow(schema, data, `Wallet ${what}`, 'INVALID_RESPONSE');
  };
  const extOf = (scope: TransactionScope | undefined): Record<string, string> => {
    const ext: Record<string, string> = {};
    const projectId = scope?.projectId ?? options.projectId;
    if (projectId !== undefined) ext['project_id'] = String(projectId);
    if (scope?.locationId !== undefined) ext['location_id'] = String(scope.locationId);
    return ext;
  };
  const listSpots: WalletClient['listSpots'] = (query = {}) => {
    const params = new URLSearchParams();
    if (query.status?.length) params.set('status', query.status.join(','));
    if (query.locationIds?.length) params.set('location_id', query.locationIds.join(','));
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    if (query.offset !== undefined) params.set('offset', String(query.offset));
    return call(SpotList, 'spot list', { method: 'GET', path: '/spots', searchParams: params });
  };
  const key = (transactionKey: string) => encodeURIComponent(transactionKey);
  const paymentId = (id: number): number => {
    if (!Number.isSafeInteger(id) || id <= 0)
      throw new TillKitError('VALIDATION_FAILED', `Invalid payment id ${id}`, {
        issues: [{ path: 'paymentId', message: 'must be a positive integer' }],
      });
    return id;
  };

  return {
    listSpots,
    async listWaitingSpots(locationIds) {
      if (locationIds.length === 0) return [];
      return (await listSpots({ status: ['waiting'], locationIds, limit: 200 })).spots;
    },
    async listLocationSpots(locationId) {
      return (await listSpots({ locationIds: [locationId], limit: 200 })).spots;
    },
    getSpot: (spotId) => call(Spot, 'spot', { method: 'GET', path: `/spot/${spotId}` }),
    async listSpotOrders(spotId) {
      const spot = await call(Spot, 'spot', {
        method: 'GET',
        path: `/spot/${spotId}`,
        searchParams: { fields: '*,orders.transaction' },
      });
      return spot.orders ?? [];
    },
    async listTransactions(query) {
      const searchParams = {
        status: query.status,
        limit: query.limit,
        offset: query.offset,
        from: query.from,
      };
      const list = await call(TransactionList, 'transaction list', {
        method: 'GET',
        path: '/transactions',
        searchParams,
      });
      return { transactions: list.transactions, total: list._metadata.total };
    },
    getTransaction: (k) =>
      call(Transaction, 'transaction', { method: 'GET', path: `/transaction/${key(k)}` }),
    async createTransaction(
      input: CreateTransactionInput,
      scope?: TransactionScope,
    ): Promise<TransactionType> {
      const json = parseOrThrow(CreateTransactionSchema, input, 'transaction');
      // POST is not retried on 5xx or network errors (it could create a second transaction); only a 429 is.
      return call(Transaction, 'transaction', { method: 'POST', path: '/transaction', json }, extOf(scope));
    },
    attachOrder: (spotId, k) =>
      call(SpotOrder, 'spot order', {
        method: 'POST',
        path: `/spot/${spotId}/order`,
        json: { transaction_key: k },
      }),
    // Never re-sent blindly: after a dropped response the second PUT meets a 409, so callers read the transaction instead.
    confirmTransaction: async (k, scope, prices) =>
      call(
        Transaction,
        'transaction',
        {
          method: 'PUT',
          path: `/transaction/${key(k)}/confirm`,
          retryLimit: 0,
          ...(prices === undefined || Object.keys(prices).length === 0
            ? {}
            : { json: parseOrThrow(ConfirmPricesInput, prices, 'confirm prices') }),
        },
        extOf(scope),
      ),
    getPayment: async (id) =>
      call(WalletPayment, 'payment', { method: 'GET', path: `/payment/${paymentId(id)}` }),
    // Cancel and finalize move money back to the payer: like confirm, never re-sent blindly (a repeat
    // after a lost answer meets 409 invalid_state); the caller reads the payment to learn what happened.
    cancelPayment: async (id) =>
      call(WalletPayment, 'payment', { method: 'DELETE', path: `/payment/${paymentId(id)}`, retryLimit: 0 }),
    finalizePayment: async (id, price) =>
      call(WalletPayment, 'payment', {
        method: 'PUT',
        path: `/payment/${paymentId(id)}/finalize`,
        retryLimit: 0,
        ...(price === undefined
          ? {}
          : {
              json: parseOrThrow(
                FinalizePaymentInput,
                { price: price.amount, currency: price.currency },
                'final price',
              ),
            }),
      }),
    revokeTransaction: (k) =>
      call(Transaction, 'transaction', { method: 'DELETE', path: `/transaction/${key(k)}` }),
    async closeSpot(spotId) {
      await call(Spot, 'spot', { method: 'DELETE', path: `/spot/${spotId}` });
    },
  };
}
