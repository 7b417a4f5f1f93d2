import { generateKeyPairSync, sign } from 'node:crypto';
import type { Transaction } from '@tillkit/models';
import type { Emulator, EmulatorContext } from '../contract.ts';

// Paysera's transaction callbacks (spec §6.5, PHP `Callback/Handler.php`, `Callback/SignChecker.php`): a form
// POST of `event` (the JSON string `{type, object, data}`, data = the transaction as the API returns it) and
// `sign` (base64 RSA-SHA256 over the exact event string), to the transaction's `callback_uri`, only for
// events the merchant did not cause itself. The key pair is the sandbox's own, created on first use and kept
// in the store (so a `--db` restart keeps verifying); its public half is served at `GET /publickey`.

/** Callback delivery settings (Paysera's retry policy is not published; these defaults are ASSUMPTIONS). */
export interface WalletCallbackOptions {
  /** Record callbacks without sending any. @default false */
  drop?: boolean;
  /** Wait before the first delivery attempt, in ms. @default 0 */
  delayMs?: number;
  /** Further attempts after a failed one (non-2xx answer or network error). @default 5 */
  retries?: number;
  /** Wait between attempts, in ms. @default 1000 */
  retryDelayMs?: number;
  /** Per-attempt timeout, in ms. @default 5000 */
  timeoutMs?: number;
  /** URI for transactions created without `callback_uri` (Paysera's project setting). @default none */
  defaultUri?: string;
  /** Runs `fn` after `ms` (tests pass a controlled scheduler). @default setTimeout */
  schedule?: (fn: () => void, ms: number) => void;
}

/** The settings that can change while the sandbox runs. */
export type CallbackSettings = {
  [K in Exclude<keyof WalletCallbackOptions, 'schedule'>]?: WalletCallbackOptions[K] | undefined;
};

/** One callback as the sandbox sent (or dropped) it. */
export interface CallbackDelivery {
  id: number;
  transactionKey: string;
  type: string;
  uri: string;
  /** The exact form fields sent. */
  event: string;
  sign: string;
  status: 'pending' | 'delivered' | 'failed' | 'dropped';
  attempts: number;
  /** HTTP status per attempt (0 = network error or timeout). */
  responses: number[];
}

/** Callback control: settings, what was sent, and a wait until nothing is in flight. */
export interface WalletCallbacks {
  /** Changes settings; an `undefined` value leaves that setting as it is. */
  configure(options: CallbackSettings): void;
  /** Drops the next `n` callbacks (recorded as `dropped`). */
  dropNext(n: number): void;
  deliveries(): CallbackDelivery[];
  /** Resolves when no delivery is pending (every one delivered, failed or dropped). */
  idle(): Promise<void>;
  /** Resolves when no attempt is on the wire (retries may still be scheduled): for controlled schedulers. */
  quiet(): Promise<void>;
  publicKeyPem(): string;
  /** Sends a callback for a customer- or timeout-driven transaction event. */
  emit(tx: Transaction, type: string): void;
  close(): void;
}

interface KeyPair {
  publicKeyPem: string;
  privateKeyPem: string;
}

export function createWalletCallbacks(
  ctx: EmulatorContext,
  initial: WalletCallbackOptions = {},
): WalletCallbacks {
  let options: WalletCallbackOptions = { ...initial };
  let dropCount = 0;
  let closed = false;
  const deliveries: CallbackDelivery[] = [];
  const waiters: Array<() => void> = [];
  const quietWaiters: Array<() => void> = [];
  let inFlight = 0;
  const timers = new Set<NodeJS.Timeout>();
  const schedule =
    initial.schedule ??
    ((fn: () => void, ms: number) => {
      const t = setTimeout(() => {
        timers.delete(t);
        fn();
      }, ms);
      timers.add(t);
    });
  const keys = (): KeyPair => {
    const stored = ctx.store.get<KeyPair>('wallet.keys', 'callback');
    if (stored !== undefined) return stored;
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const created = {
      publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      privateKeyPem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    };
    ctx.store.put('wallet.keys', 'callback', created);
    return created;
  };
  const settle = (d: CallbackDelivery, status: CallbackDelivery['status']) => {
    d.status = status;
    if (deliveries.every((x) => x.status !== 'pending')) for (const w of waiters.splice(0)) w();
  };
  const attempt = async (d: CallbackDelivery): Promise<void> => {
    inFlight++;
    try {
      await send(d);
    } finally {
      inFlight--;
      if (inFlight === 0) for (const w of quietWaiters.splice(0)) w();
    }
  };
  const send = async (d: CallbackDelivery): Promise<void> => {
    if (closed) return settle(d, 'failed');
    d.attempts++;
    let status = 0;
    try {
      const res = await fetch(d.uri, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ event: d.event, sign: d.sign }).toString(),
        signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch {
      status = 0;
    }
    d.responses.push(status);
    if (status >= 200 && status < 300) return settle(d, 'delivered');
    if (d.attempts > (options.retries ?? 5) || closed) return settle(d, 'failed');
    schedule(() => void attempt(d), options.retryDelayMs ?? 1000);
  };
  return {
    configure(next) {
      const defined = Object.entries(next).filter(([, v]) => v !== undefined);
      options = { ...options, ...Object.fromEntries(defined) };
    },
    dropNext(n) {
      dropCount += n;
    },
    deliveries: () => deliveries.map((d) => ({ ...d, responses: [...d.responses] })),
    idle: () =>
      deliveries.every((d) => d.status !== 'pending')
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push(resolve)),
    quiet: () =>
      inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => quietWaiters.push(resolve)),
    publicKeyPem: () => keys().publicKeyPem,
    emit(tx, type) {
      // `callback_uri: false` switches callbacks off for the transaction (PHP `disableCallbacks`).
      const uri = tx.callback_uri === false ? undefined : (tx.callback_uri ?? options.defaultUri);
      if (uri === undefined || closed) return;
      const event = JSON.stringify({ type, object: 'transaction', data: tx });
      const signature = sign('sha256', Buffer.from(event, 'utf8'), keys().privateKeyPem).toString('base64');
      const d: CallbackDelivery = {
        id: deliveries.length + 1,
        transactionKey: tx.transaction_key,
        type,
        uri,
        event,
        sign: signature,
        status: 'pending',
        attempts: 0,
        responses: [],
      };
      deliveries.push(d);
      if (options.drop === true || dropCount > 0) {
        if (dropCount > 0) dropCount--;
        return settle(d, 'dropped');
      }
      schedule(() => void attempt(d), options.delayMs ?? 0);
    },
    close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const d of deliveries) if (d.status === 'pending') d.status = 'failed';
      for (const w of [...waiters.splice(0), ...quietWaiters.splice(0)]) w();
    },
  };
}

/** `GET /publickey` at the Wallet host's root (PHP `Util/Router.php` PUBLIC_KEY_PATH): the PEM, no auth. */
export function createPublicKeyEmulator(callbacks: WalletCallbacks): Emulator {
  return {
    prefix: '/publickey',
    handle(req) {
      if (req.method !== 'GET' || req.path !== '/publickey')
        return { status: 404, body: { error: 'not_found', error_description: 'No such endpoint' } };
      return {
        status: 200,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body: callbacks.publicKeyPem(),
      };
    },
  };
}
