// The customer's phone, through the sandbox's wallet simulator: scan the QR, wait until the till (the
// engine inside Medusa) has attached the order, then accept or reject it.
import type { Sandbox } from '@tillkit/sandbox';

export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 30_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export function spotIdOf(sandbox: Sandbox, qrPayload: string): number {
  const spot = sandbox.credentials.wallet.locations.flatMap((l) => l.spots).find((s) => s.code === qrPayload);
  if (!spot) throw new Error(`no sandbox spot for ${qrPayload}`);
  return spot.id;
}

/** Scans and waits for the attached order; returns the spot id. */
export async function scanAndWaitForOrder(sandbox: Sandbox, qrPayload: string): Promise<number> {
  const scanned = sandbox.control.wallet.scan(qrPayload);
  if (!scanned.ok) throw new Error(`scan failed: ${scanned.message}`);
  const spotId = spotIdOf(sandbox, qrPayload);
  await until('the order on the spot', () => {
    const r = sandbox.control.wallet.spot(spotId);
    return r.ok && r.spot.status === 'active' ? true : undefined;
  });
  return spotId;
}

export async function pay(sandbox: Sandbox, qrPayload: string): Promise<void> {
  const spotId = await scanAndWaitForOrder(sandbox, qrPayload);
  const accepted = sandbox.control.wallet.accept(spotId);
  if (!accepted.ok) throw new Error(`accept failed: ${accepted.message}`);
}

export async function decline(sandbox: Sandbox, qrPayload: string): Promise<void> {
  const spotId = await scanAndWaitForOrder(sandbox, qrPayload);
  const rejected = sandbox.control.wallet.reject(spotId);
  if (!rejected.ok) throw new Error(`reject failed: ${rejected.message}`);
}
