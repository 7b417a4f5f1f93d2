import type { Emulator, EmulatorContext, SandboxRequest, SandboxResponse } from '../contract.ts';
import { segments } from '../shared/body.ts';
import {
  cashRegisterStatus,
  getDocument,
  getFiscalDay,
  listDocuments,
  listFiscalDays,
} from './cash-registers.ts';
import { posError } from './errors.ts';
import { getInvoice, listInvoices } from './invoices.ts';
import { createOrder, getOrder, listOrders, transitionOrder, updateOrder } from './orders.ts';
import { PosRateLimiter, type PosRateLimits } from './rate-limit.ts';
import { P, type TokenRecord } from './records.ts';

export type { PosRateLimits };

export const POS_PREFIX = '/eapi/v1';

/** What a POS route handler gets: the request and the merchant its token belongs to. */
export interface PosCall {
  ctx: EmulatorContext;
  req: SandboxRequest;
  merchantId: string;
}

const unauthenticated = posError(401, 'Unauthenticated.');

/**
 * The Paysera POS External API emulator (`/eapi/v1`, spec §3): Bearer personal access tokens (401 without,
 * 403 on another merchant's resource), per-token rate limits, HATEOAS pagination, field errors.
 */
export function createPosEmulator(ctx: EmulatorContext, limits: PosRateLimits): Emulator {
  const limiter = new PosRateLimiter(limits);
  return {
    prefix: POS_PREFIX,
    handle(req) {
      const auth = req.headers['authorization'];
      if (auth === undefined || !auth.startsWith('Bearer ')) return unauthenticated;
      const token = ctx.store.get<TokenRecord>(P.tokens, auth.slice(7).trim());
      if (token === undefined) return unauthenticated;
      const limited = limiter.take(token.token, token.tier, ctx.now().getTime());
      if ('rejected' in limited) return limited.rejected;
      const response = route({ ctx, req, merchantId: token.merchantId }, segments(req.path, POS_PREFIX));
      response.headers = { ...response.headers, ...limited.headers };
      return response;
    },
  };
}

function route(call: PosCall, parts: string[]): SandboxResponse {
  const m = call.req.method;
  const [a, b, c, d] = parts;
  if (a === 'orders') {
    if (parts.length === 1 && m === 'GET') return listOrders(call);
    if (parts.length === 1 && m === 'POST') return createOrder(call);
    if (parts.length === 2 && m === 'GET') return getOrder(call, b as string);
    if (parts.length === 2 && m === 'PATCH') return updateOrder(call, b as string);
    if (parts.length === 3 && m === 'POST' && c === 'cancel')
      return transitionOrder(call, b as string, 'canceled');
    if (parts.length === 3 && m === 'POST' && c === 'complete')
      return transitionOrder(call, b as string, 'completed');
  }
  if (a === 'invoices' && m === 'GET') {
    if (parts.length === 1) return listInvoices(call);
    if (parts.length === 2) return getInvoice(call, b as string);
  }
  if (a === 'cash-registers' && m === 'GET' && b !== undefined) {
    if (parts.length === 3 && c === 'status') return cashRegisterStatus(call, b);
    if (parts.length === 3 && c === 'financial-documents') return listDocuments(call, b);
    if (parts.length === 3 && c === 'fiscal-days') return listFiscalDays(call, b);
    if (parts.length === 4 && c === 'fiscal-day') return getFiscalDay(call, b, d as string);
    if (parts.length === 4 && (c === 'receipt' || c === 'return' || c === 'collection'))
      return getDocument(call, b, c, d as string);
  }
  return posError(404, 'Not found.');
}
