import { isTillKitError, type TillKitError } from '@tillkit/models';
import { type Sandbox, startSandbox } from '@tillkit/sandbox';
import { createFiscalClient } from '../client.ts';
import type { FiscalClientOptions } from '../config.ts';
import type { FiscalOrder } from '../receipt/order.ts';

// The client tests' shared fixture: a fresh sandbox with one started AT CashBox per test.
let sandbox: Sandbox | undefined;

/** Closes the sandbox of the current test; call it from afterEach. */
export async function closeSandbox(): Promise<void> {
  await sandbox?.close();
  sandbox = undefined;
}

export async function setup(
  options: { started?: boolean; inFlight?: 'block' | '422'; client?: Partial<FiscalClientOptions> } = {},
) {
  sandbox = await startSandbox({ port: 0, fiskaltrust: { inFlightDuplicates: options.inFlight ?? 'block' } });
  const box = sandbox.control.fiskaltrust.createCashBox({ country: 'AT', started: options.started ?? true });
  const warnings: unknown[] = [];
  const client = createFiscalClient({
    baseUrl: sandbox.url,
    cashBoxId: box.cashBoxId,
    accessToken: box.accessToken,
    timeoutMs: 2000,
    retry: { limit: 3, baseDelayMs: 1, maxDelayMs: 10 },
    inFlight: { limit: 20, delayMs: 20 },
    logger: { warn: (m, c) => warnings.push([m, c]), error: (m, c) => warnings.push([m, c]) },
    ...options.client,
  });
  const receiptsOf = (reference: string) =>
    sandbox?.control.fiskaltrust
      .journal(box.cashBoxId)
      .receipts.filter((r) => r.cbReceiptReference === reference) ?? [];
  return { sandbox, box, client, warnings, receiptsOf };
}
export function order(id: string): FiscalOrder {
  return {
    id,
    moment: '2026-11-23T10:00:00.000Z',
    lines: [
      { description: 'Coffee', quantity: 2, unitPrice: 350, vatRate: 10 },
      { description: 'Mug', quantity: 1, unitPrice: 1200, vatRate: 20 },
    ],
    payments: [{ method: 'online', amount: 1900 }],
  };
}

export async function failure(p: Promise<unknown>): Promise<TillKitError> {
  try {
    await p;
  } catch (error) {
    if (isTillKitError(error)) return error;
    throw error;
  }
  throw new Error('expected a failure');
}
