import { type Sandbox, startSandbox } from '@tillkit/sandbox';
import { createTokenBucket } from '../src/engine/budget.ts';
import { createScanAndPayEngine, type ScanAndPayEngineOptions } from '../src/engine/engine.ts';
import type { CheckoutStatus } from '../src/engine/types.ts';
import { createWalletClient, type WalletClient } from '../src/wallet/client.ts';

export const eur = (amount: number) => ({ amount, currency: 'EUR' });

export async function sandboxWithSpots(spots: number): Promise<Sandbox> {
  return startSandbox({ port: 0, seed: { wallet: { spots } } });
}

/** A Wallet client as the engine uses it: no HTTP-level retries (the engine retries on its next round). */
export function engineWallet(sandbox: Sandbox, timeoutMs = 2000): WalletClient {
  const { macId, macKey, projectId } = sandbox.credentials.wallet;
  return createWalletClient({
    credentials: { macId, macKey },
    baseUrl: sandbox.urls.wallet,
    projectId,
    retry: { limit: 0 },
    timeoutMs,
  });
}

export function engineFor(sandbox: Sandbox, extra: Partial<ScanAndPayEngineOptions> = {}) {
  const engine = createScanAndPayEngine({
    wallet: engineWallet(sandbox),
    budget: createTokenBucket({ requestsPerMinute: 6000 }),
    polling: { fastIntervalMs: 50 },
    ...extra,
  });
  const seen: CheckoutStatus[] = [];
  engine.onStatus((e) => seen.push(e.status));
  return { engine, seen };
}

export function spotOf(sandbox: Sandbox, i: number): { id: number; code: string } {
  const s = sandbox.credentials.wallet.spots[i];
  if (!s) throw new Error(`no seeded spot ${i}`);
  return s;
}
