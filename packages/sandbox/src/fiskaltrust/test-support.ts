import { randomUUID } from 'node:crypto';
import { parseJsonLossless, stringifyJsonLossless } from '@tillkit/models';
import type { SandboxRequest, SandboxResponse } from '../contract.ts';
import { MemoryStore } from '../store/memory.ts';
import { createFiskaltrustEmulator } from './emulator.ts';
import type {
  CashBoxCredentials,
  CreateCashBoxInput,
  FiskaltrustEmulator,
  FiskaltrustEmulatorOptions,
} from './types.ts';

// Test helpers for the fiskaltrust emulator: an emulator over an in-memory store with a movable clock,
// and requests as a client would send them. Not exported from the package.

/** An emulator, its store and a clock the test moves. */
export interface Harness {
  emulator: FiskaltrustEmulator;
  store: MemoryStore;
  clock: { now: Date };
  box: CashBoxCredentials;
}

export function harness(
  options: FiskaltrustEmulatorOptions = {},
  box: Partial<CreateCashBoxInput> = {},
): Harness {
  const store = new MemoryStore();
  const clock = { now: new Date('2025-01-01T10:00:00.000Z') };
  const emulator = createFiskaltrustEmulator({ store, now: () => clock.now }, options);
  return { emulator, store, clock, box: emulator.createCashBox({ country: 'AT', ...box }) };
}

/** A request to the emulator; `body` objects are written losslessly, strings and Buffers as is. */
export function request(input: {
  method?: string;
  path: string;
  headers?: Record<string, string | undefined>;
  body?: unknown;
}): SandboxRequest {
  const raw =
    input.body === undefined
      ? ''
      : typeof input.body === 'string'
        ? input.body
        : stringifyJsonLossless(input.body);
  return {
    method: input.method ?? 'POST',
    path: input.path,
    rawQuery: '',
    query: new URLSearchParams(),
    headers: { 'content-type': 'application/json', ...input.headers },
    rawBody: Buffer.from(raw),
    host: '127.0.0.1',
    port: 4010,
  };
}

/** The CashBox headers plus a fresh (or given) operation id. */
export function authHeaders(
  box: CashBoxCredentials,
  operationId: string = randomUUID(),
): Record<string, string> {
  return {
    'x-cashbox-id': box.cashBoxId,
    'x-cashbox-accesstoken': box.accessToken,
    'x-operation-id': operationId,
  };
}

/** Calls the emulator and awaits its answer. */
export async function call(emulator: FiskaltrustEmulator, req: SandboxRequest): Promise<SandboxResponse> {
  return await emulator.handle(req);
}

/** The response body parsed losslessly (64-bit codes as bigint). */
export function json<T = Record<string, unknown>>(response: SandboxResponse): T {
  return parseJsonLossless(String(response.body)) as T;
}

/** `POST /v2/sign` with the CashBox headers. */
export async function sign(h: Harness, body: unknown, operationId?: string): Promise<SandboxResponse> {
  return call(h.emulator, request({ path: '/v2/sign', headers: authHeaders(h.box, operationId), body }));
}

/** AT v2 codes without a country prefix, as a client may send them. */
export const codes = {
  posReceipt: 0x2000_0000_0001n,
  zeroReceipt: 0x2000_0000_2000n,
  dailyClosing: 0x2000_0000_2011n,
  startReceipt: 0x2000_0000_4001n,
  stopReceipt: 0x2000_0000_4002n,
  goodsNormal: 0x2000_0000_0013n,
  goodsReduced: 0x2000_0000_0011n,
  cash: 0x2000_0000_0001n,
} as const;

/** A ReceiptRequest; items default to one 20.00 goods line paid 20.00 cash. */
export function receipt(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    cbTerminalID: 'T1',
    cbReceiptReference: `R-${randomUUID().slice(0, 8)}`,
    cbReceiptMoment: '2025-01-01T10:00:00.000Z',
    cbChargeItems: [
      {
        Quantity: 1,
        Description: 'Coffee beans',
        Amount: 20.0,
        VATRate: 20.0,
        ftChargeItemCase: codes.goodsNormal,
      },
    ],
    cbPayItems: [{ Description: 'Cash', Amount: 20.0, ftPayItemCase: codes.cash }],
    ftReceiptCase: codes.posReceipt,
    ...overrides,
  };
}

/** A start receipt (0x…4001) with no items. */
export function startReceipt(): Record<string, unknown> {
  return receipt({
    cbReceiptReference: 'INIT',
    cbChargeItems: [],
    cbPayItems: [],
    ftReceiptCase: codes.startReceipt,
  });
}
