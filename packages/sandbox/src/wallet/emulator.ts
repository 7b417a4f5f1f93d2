import { createMemoryNonceStore, type NonceStore, verifyMac } from '@tillkit/auth';
import { isTillKitError } from '@tillkit/models';
import type { Emulator, EmulatorContext, SandboxRequest, SandboxResponse } from '../contract.ts';
import { segments } from '../shared/body.ts';
import { notFound, walletError } from './errors.ts';
import { cancelPayment, finalizePayment, getPayment } from './payments.ts';
import { C, type ClientRecord, nowSeconds } from './records.ts';
import { attachOrder, closeSpot, getLocation, getSpot, listLocations, listSpots } from './spots.ts';
import {
  confirmTransaction,
  createTransaction,
  getTransaction,
  listTransactions,
  revokeTransaction,
} from './transactions.ts';

/** Options of the Wallet emulator. */
export interface WalletEmulatorOptions {
  /** Seconds a transaction may stay unreserved before it becomes `deleted`. @default 2_592_000 (30 days, spec §2.5) */
  transactionTtlSeconds?: number;
  /** Accepted MAC clock skew either way, in seconds. @default 300 */
  macWindowSeconds?: number;
}

/** What a route handler gets: the request, the authenticated client and its ext parameters. */
export interface WalletCall {
  ctx: EmulatorContext;
  req: SandboxRequest;
  client: ClientRecord;
  ext: Record<string, string>;
  ttlSeconds: number;
}

export const WALLET_PREFIX = '/rest/v1';

/**
 * The Paysera Wallet API emulator (`/rest/v1`, spec §1–2): MAC verified with @tillkit/auth's verifyMac (the
 * code path clients sign with), scan-and-pay spots, transactions, spot orders, exactly-once confirm.
 */
export function createWalletEmulator(ctx: EmulatorContext, options: WalletEmulatorOptions = {}): Emulator {
  const nonces: NonceStore = createMemoryNonceStore({ nowSeconds: () => ctx.now().getTime() / 1000 });
  const ttlSeconds = options.transactionTtlSeconds ?? 2_592_000;
  const lookupKey = (macId: string) => ctx.store.get<ClientRecord>(C.clients, macId)?.macKey;
  return {
    prefix: WALLET_PREFIX,
    handle(req) {
      const parts = segments(req.path, WALLET_PREFIX);
      if (req.method === 'GET' && parts.length === 1 && parts[0] === 'server')
        return { status: 200, body: { time: nowSeconds(ctx) } };
      let verified: { macId: string; extParameters: Record<string, string> };
      try {
        verified = verifyMac({
          authorization: req.headers['authorization'],
          method: req.method,
          pathAndQuery: req.rawQuery === '' ? req.path : `${req.path}?${req.rawQuery}`,
          host: req.host,
          port: req.port,
          body: req.rawBody,
          lookupKey,
          nonces,
          nowSeconds: nowSeconds(ctx),
          windowSeconds: options.macWindowSeconds ?? 300,
        });
      } catch (error) {
        if (isTillKitError(error)) return walletError(401, 'unauthorized', error.message);
        throw error;
      }
      const client = ctx.store.get<ClientRecord>(C.clients, verified.macId) as ClientRecord;
      return route({ ctx, req, client, ext: verified.extParameters, ttlSeconds }, parts);
    },
  };
}

function route(call: WalletCall, parts: string[]): SandboxResponse {
  const m = call.req.method;
  const [a, b, c] = parts;
  switch (parts.length) {
    case 1:
      if (a === 'locations' && m === 'GET') return listLocations(call);
      if (a === 'spots' && m === 'GET') return listSpots(call);
      if (a === 'transaction' && m === 'POST') return createTransaction(call);
      if (a === 'transactions' && m === 'GET') return listTransactions(call);
      break;
    case 2:
      if (a === 'location' && m === 'GET') return getLocation(call, b as string);
      if (a === 'spot' && m === 'GET') return getSpot(call, b as string);
      if (a === 'spot' && m === 'DELETE') return closeSpot(call, b as string);
      if (a === 'transaction' && m === 'GET') return getTransaction(call, b as string);
      if (a === 'transaction' && m === 'DELETE') return revokeTransaction(call, b as string);
      if (a === 'payment' && m === 'GET') return getPayment(call, b as string);
      if (a === 'payment' && m === 'DELETE') return cancelPayment(call, b as string);
      break;
    case 3:
      if (a === 'spot' && c === 'order' && m === 'POST') return attachOrder(call, b as string);
      if (a === 'transaction' && c === 'confirm' && m === 'PUT') return confirmTransaction(call, b as string);
      if (a === 'payment' && c === 'finalize' && m === 'PUT') return finalizePayment(call, b as string);
      break;
  }
  return notFound('Endpoint');
}
