import { createFiscalClient } from '@tillkit/fiscalization';
import { createTokenBucket, createWalletClient } from '@tillkit/paysera';
import { type Sandbox, startSandbox } from '@tillkit/sandbox';
import { expect, vi } from 'vitest';
import {
  type CheckoutServiceOptions,
  createCheckoutService,
  createMemoryCheckoutStore,
  type PaymentAttempt,
} from '../src/index.ts';

export const eur = (amount: number) => ({ amount, currency: 'EUR' });
export const waitOpts = { timeout: 20_000, interval: 25 };

export async function sandboxFor(spots = 6): Promise<Sandbox> {
  return startSandbox({ port: 0, seed: { wallet: { spots } } });
}

/** The service as a merchant wires it, against the sandbox, with fast rounds for tests. */
export function serviceFor(sandbox: Sandbox, extra: Partial<CheckoutServiceOptions> = {}) {
  const { wallet: w, fiskaltrust: f } = sandbox.credentials;
  const wallet = createWalletClient({
    credentials: { macId: w.macId, macKey: w.macKey },
    baseUrl: sandbox.urls.wallet,
    projectId: w.projectId,
    retry: { limit: 0 },
    timeoutMs: 2000,
  });
  const fiscalClient = createFiscalClient({
    baseUrl: sandbox.url,
    cashBoxId: f.cashBoxId,
    accessToken: f.accessToken,
    retry: { limit: 0 },
  });
  const service = createCheckoutService({
    store: createMemoryCheckoutStore(),
    wallet,
    locationId: w.locationId,
    projectId: w.projectId,
    fiscal: { client: fiscalClient, country: 'AT', cashBoxId: f.cashBoxId },
    budget: createTokenBucket({ requestsPerMinute: 6000 }),
    polling: { fastIntervalMs: 50 },
    tickIntervalMs: 50,
    idleIntervalMs: 200,
    jobs: { baseDelayMs: 50, maxDelayMs: 200 },
    ...extra,
  });
  return service;
}

/** A two-line order (10 % and 20 % VAT) for `cents` in total. */
export function orderOf(orderRef: string, cents = 1250) {
  return {
    orderRef,
    amount: eur(cents),
    description: `Order ${orderRef}`,
    order: {
      lines: [
        { description: 'Coffee', quantity: 2, unitPrice: 250, vatRate: 10 },
        { description: 'Cake', quantity: 1, unitPrice: cents - 500, vatRate: 20 },
      ],
    },
  };
}

type Service = ReturnType<typeof serviceFor>;

export async function until(
  service: Service,
  id: string,
  check: (a: PaymentAttempt) => void,
): Promise<PaymentAttempt> {
  let last: PaymentAttempt | undefined;
  await vi.waitFor(async () => {
    last = await service.get(id);
    expect(last).toBeDefined();
    await check(last as PaymentAttempt);
  }, waitOpts);
  return last as PaymentAttempt;
}

/** The customer scans the attempt's QR once its transaction exists; resolves when the order is attached. */
export async function scanned(sandbox: Sandbox, service: Service, a: PaymentAttempt): Promise<number> {
  await vi.waitFor(() => expect(sandbox.control.wallet.scan(a.qrPayload).ok).toBe(true), waitOpts);
  await until(service, a.id, (x) => expect(x.status).toBe('order_attached'));
  const spot = sandbox.credentials.wallet.spots.find((s) => s.code === a.qrPayload);
  if (!spot) throw new Error(`no spot for ${a.qrPayload}`);
  return spot.id;
}

/** Signed receipts in the sandbox's fiskaltrust journal whose reference is `reference`. */
export function journalled(sandbox: Sandbox, reference: string) {
  const { receipts } = sandbox.control.fiskaltrust.journal(sandbox.credentials.fiskaltrust.cashBoxId);
  return receipts.filter((r) => r.cbReceiptReference === reference);
}
