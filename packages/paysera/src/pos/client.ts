import { bearerAuthorization } from '@tillkit/auth';
import {
  createHttpClient,
  type HttpClient,
  type HttpLogger,
  type HttpRequest,
  type RetryPolicy,
} from '@tillkit/http';
import {
  CashRegisterStatus,
  CreateOrderInput,
  DocumentFilter,
  FinancialDocument,
  FiscalDay,
  Invoice,
  InvoiceFilter,
  OrderFilter,
  PosOrder,
  type PosPage,
  PosPageQuery,
  parseOrThrow,
  posPage,
  UpdateOrderInput,
} from '@tillkit/models';
import { z } from 'zod';
import { nextPath, type PosPageResult, pageResult } from './paginate.ts';
import { toSearchParams } from './query.ts';

/** Options of {@link createPosClient}. */
export interface PosClientOptions {
  /** Personal access token from pos.paysera.com/user/settings. Never logged. */
  token: string;
  /** @default 'https://pos.paysera.com/eapi/v1' (demo: 'https://pos-demo.paysera.com/eapi/v1') */
  baseUrl?: string;
  /** Per-attempt timeout. @default 10000 */
  timeoutMs?: number;
  /** Retries of safe requests on 5xx, 429 (Retry-After) and network errors. @default { limit: 2 } */
  retry?: Partial<RetryPolicy>;
  logger?: HttpLogger;
  fetch?: typeof fetch;
}

/** Paysera POS External API client. List calls return a page that also iterates every item of all pages. */
export interface PosClient {
  cashRegisterStatus(cashRegister: string): Promise<CashRegisterStatus>;
  listFinancialDocuments(
    cashRegister: string,
    filter?: z.input<typeof DocumentFilter>,
  ): Promise<PosPageResult<FinancialDocument>>;
  getReceipt(cashRegister: string, id: string): Promise<FinancialDocument>;
  getReturn(cashRegister: string, id: string): Promise<FinancialDocument>;
  getCollection(cashRegister: string, id: string): Promise<FinancialDocument>;
  listFiscalDays(
    cashRegister: string,
    page?: z.input<typeof PosPageQuery>,
  ): Promise<PosPageResult<FiscalDay>>;
  getFiscalDay(cashRegister: string, id: string): Promise<FiscalDay>;
  listOrders(filter?: z.input<typeof OrderFilter>): Promise<PosPageResult<PosOrder>>;
  getOrder(id: string): Promise<PosOrder>;
  /**
   * Creates an order (201). A duplicate `number` is a `CONFLICT` TillKitError. Not retried on 5xx: it could
   * create two. The body is the API reference's (`/api/pos/create-order`: `orderPositions[{productId,
   * quantity, price, name, vatRate}]`, `discountPrice`): it is the one shape Paysera documents as the
   * endpoint's contract; the guides' `items[…]` example and a plugin's `title`/`unitPrice` lines are
   * accepted by the sandbox but never sent.
   */
  createOrder(input: z.input<typeof CreateOrderInput>): Promise<PosOrder>;
  updateOrder(id: string, patch: z.input<typeof UpdateOrderInput>): Promise<PosOrder>;
  cancelOrder(id: string): Promise<PosOrder>;
  completeOrder(id: string): Promise<PosOrder>;
  listInvoices(filter?: z.input<typeof InvoiceFilter>): Promise<PosPageResult<Invoice>>;
  getInvoice(uuid: string): Promise<Invoice>;
}

const DEFAULT_BASE = 'https://pos.paysera.com/eapi/v1';
const seg = encodeURIComponent;
// Cancel and complete answer with the order or with a short status object, depending on the source: accept both.
const OrderOrAck = z.union([PosOrder, z.looseObject({ status: z.string() })]);

/**
 * Creates a POS External API client.
 *
 * @example
 * const pos = createPosClient({ token });
 * for await (const order of await pos.listOrders({ status: ['pending'] })) console.log(order.number);
 */
export function createPosClient(options: PosClientOptions): PosClient {
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE).replace(/\/+$/, '');
  const http: HttpClient = createHttpClient({
    baseUrl,
    timeoutMs: options.timeoutMs ?? 10_000,
    headers: { authorization: bearerAuthorization(options.token) },
    ...(options.retry === undefined ? {} : { retry: options.retry }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  const call = async <S extends z.ZodType>(
    schema: S,
    what: string,
    req: HttpRequest,
  ): Promise<z.output<S>> => {
    const { data } = await http.request(req);
    return parseOrThrow(schema, data, `POS ${what}`, 'INVALID_RESPONSE');
  };
  const list = async <T extends z.ZodType>(
    item: T,
    what: string,
    path: string,
    params: URLSearchParams,
  ): Promise<PosPageResult<z.output<T>>> => {
    const schema = posPage(item);
    const fetchPage = async (req: HttpRequest) =>
      (await call(schema, `${what} page`, req)) as PosPage<z.output<T>>;
    const first = await fetchPage({ method: 'GET', path, searchParams: params });
    return pageResult(first, (link) => fetchPage({ method: 'GET', ...nextPath(link, baseUrl) }));
  };
  const order = async (req: HttpRequest, id: string): Promise<PosOrder> => {
    const result = await call(OrderOrAck, 'order', req);
    return 'id' in result && typeof result.id === 'string' && 'orderPositions' in result
      ? (result as PosOrder)
      : call(PosOrder, 'order', { method: 'GET', path: `/orders/${seg(id)}` });
  };
  const doc = (kind: string) => (cashRegister: string, id: string) =>
    call(FinancialDocument, kind, {
      method: 'GET',
      path: `/cash-registers/${seg(cashRegister)}/${kind}/${seg(id)}`,
    });

  return {
    cashRegisterStatus: (cr) =>
      call(CashRegisterStatus, 'cash register status', {
        method: 'GET',
        path: `/cash-registers/${seg(cr)}/status`,
      }),
    listFinancialDocuments: async (cr, filter = {}) =>
      list(
        FinancialDocument,
        'financial documents',
        `/cash-registers/${seg(cr)}/financial-documents`,
        toSearchParams(parseOrThrow(DocumentFilter, filter, 'document filter')),
      ),
    getReceipt: doc('receipt'),
    getReturn: doc('return'),
    getCollection: doc('collection'),
    listFiscalDays: async (cr, page = {}) =>
      list(
        FiscalDay,
        'fiscal days',
        `/cash-registers/${seg(cr)}/fiscal-days`,
        toSearchParams(parseOrThrow(PosPageQuery, page, 'page query')),
      ),
    getFiscalDay: (cr, id) =>
      call(FiscalDay, 'fiscal day', {
        method: 'GET',
        path: `/cash-registers/${seg(cr)}/fiscal-day/${seg(id)}`,
      }),
    listOrders: async (filter = {}) =>
      list(PosOrder, 'orders', '/orders', toSearchParams(parseOrThrow(OrderFilter, filter, 'order filter'))),
    getOrder: (id) => call(PosOrder, 'order', { method: 'GET', path: `/orders/${seg(id)}` }),
    createOrder: async (input) =>
      call(PosOrder, 'order', {
        method: 'POST',
        path: '/orders',
        json: parseOrThrow(CreateOrderInput, input, 'order'),
      }),
    updateOrder: async (id, patch) =>
      call(PosOrder, 'order', {
        method: 'PATCH',
        path: `/orders/${seg(id)}`,
        json: parseOrThrow(UpdateOrderInput, patch, 'order update'),
      }),
    cancelOrder: (id) => order({ method: 'POST', path: `/orders/${seg(id)}/cancel` }, id),
    completeOrder: (id) => order({ method: 'POST', path: `/orders/${seg(id)}/complete` }, id),
    listInvoices: async (filter = {}) =>
      list(
        Invoice,
        'invoices',
        '/invoices',
        toSearchParams(parseOrThrow(InvoiceFilter, filter, 'invoice filter')),
      ),
    getInvoice: (uuid) => call(Invoice, 'invoice', { method: 'GET', path: `/invoices/${seg(uuid)}` }),
  };
}
