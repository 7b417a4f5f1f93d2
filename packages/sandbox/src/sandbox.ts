import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmulatorContext, SandboxStore } from './contract.ts';
import {
  type ControlExtension,
  createControlEmulator,
  type WalletLedgerControl,
} from './control/control-api.ts';
import { type Fault, FaultSpec, FaultTable } from './core/faults.ts';
import { createRequestListener, type MountedEmulator } from './core/http-handler.ts';
import { type SandboxLogger, silentLogger } from './core/logger.ts';
import { RequestCounter, type SandboxStats } from './core/stats.ts';
import { createFiskaltrustEmulator } from './fiskaltrust/index.ts';
import { type FiskaltrustControl, fiskaltrustControlRoutes } from './fiskaltrust-mount.ts';
import { createPosEmulator, type PosRateLimits } from './pos/emulator.ts';
import { type CashBoxFactory, type SandboxCredentials, type SeedSpec, seedOnce } from './seed.ts';
import { createSimulatorEmulator } from './simulator/page.ts';
import { MemoryStore } from './store/memory.ts';
import {
  createPublicKeyEmulator,
  createWalletCallbacks,
  type WalletCallbackOptions,
  type WalletCallbacks,
} from './wallet/callbacks.ts';
import { createWalletCustomer, type WalletCustomer } from './wallet/customer.ts';
import { createWalletEmulator, type WalletEmulatorOptions } from './wallet/emulator.ts';
import { transactionLedger, walletLedger } from './wallet/ledger.ts';

/** Options of {@link startSandbox}. */
export interface StartSandboxOptions {
  /** TCP port; 0 picks a free one. @default 0 */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** SQLite file to persist to (node:sqlite); in memory when absent. A restart with the same file keeps all state. */
  db?: string;
  /** Data and credentials to create on first start (ignored when `db` was seeded before). @default 'demo' */
  seed?: 'demo' | SeedSpec;
  /** Faults active from the start. */
  faults?: FaultSpec[];
  /** POS requests per minute and token. @default { standardPerMinute: 100, premiumPerMinute: 500 } */
  rateLimits?: PosRateLimits;
  wallet?: WalletEmulatorOptions;
  /** Wallet transaction callbacks (signed form POSTs to `callback_uri`): drop, delay, retries. */
  walletCallbacks?: WalletCallbackOptions;
  fiskaltrust?: { inFlightDuplicates?: 'block' | '422' };
  /** @default silent */
  logger?: SandboxLogger;
  /** Clock of every emulator (move time in tests without sleeping). @default () => new Date() */
  now?: () => Date;
}

/** Programmatic control of a running sandbox (the same things `/_sandbox` offers over HTTP). */
export interface SandboxControl {
  faults: { add(spec: FaultSpec): Fault; remove(id: number): boolean; clear(): void; list(): Fault[] };
  /** Requests per `METHOD /path` since start (or the last reset). */
  stats(): SandboxStats;
  /** Requests matching a route pattern such as `PUT /rest/v1/transaction/*\/confirm`. */
  count(route: string): number;
  resetStats(): void;
  /** The customer's wallet app: scan a spot QR, accept or reject the attached order. */
  wallet: WalletCustomer;
  /** What the Wallet emulator did with the money, per transaction and in total (also `GET /_sandbox/wallet/ledger`). */
  walletLedger: WalletLedgerControl;
  /** Wallet callbacks: settings, every delivery, `idle()` (also `GET`/`PATCH /_sandbox/wallet/callbacks`). */
  walletCallbacks: WalletCallbacks;
  fiskaltrust: FiskaltrustControl;
}

/** A running sandbox. */
export interface Sandbox {
  /** Base URL, e.g. `http://127.0.0.1:4010`. */
  url: string;
  /** `walletPublicKey` is the callback signing key (`GET /publickey`, at the Wallet host's root as Paysera serves it). */
  urls: {
    pos: string;
    wallet: string;
    walletPublicKey: string;
    fiskaltrust: string;
    control: string;
    simulator: string;
  };
  credentials: SandboxCredentials;
  control: SandboxControl;
  store: SandboxStore;
  close(): Promise<void>;
}

/**
 * Starts one HTTP server emulating Paysera POS (`/eapi/v1`), Paysera Wallet (`/rest/v1`) and fiskaltrust
 * (`/v2`), with the control API (`/_sandbox`) and the customer wallet simulator (`/simulator`).
 *
 * @example
 * const sandbox = await startSandbox();
 * await fetch(`${sandbox.urls.pos}/cash-registers/REG-001/status`, { headers: { authorization: `Bearer ${sandbox.credentials.pos.token}` } });
 * await sandbox.close();
 */
export async function startSandbox(options: StartSandboxOptions = {}): Promise<Sandbox> {
  const store = options.db === undefined ? new MemoryStore() : await openSqlite(options.db);
  const ctx: EmulatorContext = { store, now: options.now ?? (() => new Date()) };
  const logger = options.logger ?? silentLogger;
  const faults = new FaultTable();
  for (const spec of options.faults ?? []) faults.add(FaultSpec.parse(spec));
  const counter = new RequestCounter();
  const ttl = options.wallet?.transactionTtlSeconds ?? 2_592_000;
  const callbacks = createWalletCallbacks(ctx, options.walletCallbacks ?? {});
  const customer = createWalletCustomer(ctx, ttl, (tx, type) => callbacks.emit(tx, type));
  const ledger: WalletLedgerControl = {
    totals: () => walletLedger(ctx),
    transaction: (key) => transactionLedger(ctx, key),
  };
  const fiskaltrust = createFiskaltrustEmulator(ctx, options.fiskaltrust ?? {});
  const fiskaltrustControl: FiskaltrustControl = {
    createCashBox: (input) => fiskaltrust.createCashBox(input),
    setState: (id, faults) => fiskaltrust.setState(id, faults),
    pairingPin: (id) => fiskaltrust.pairingPin(id),
    journal: (id) => fiskaltrust.journal(id),
  };
  const createCashBox: CashBoxFactory = (input) => fiskaltrust.createCashBox({ ...input, started: true });
  const credentials = seedOnce(
    ctx,
    options.seed === undefined || options.seed === 'demo' ? {} : options.seed,
    createCashBox,
  );
  const extensions: Record<string, ControlExtension> = {
    fiskaltrust: fiskaltrustControlRoutes(fiskaltrustControl),
  };
  const mounts: MountedEmulator[] = [
    { emulator: createWalletEmulator(ctx, options.wallet ?? {}), internal: false },
    { emulator: createPublicKeyEmulator(callbacks), internal: false },
    { emulator: createPosEmulator(ctx, options.rateLimits ?? {}), internal: false },
    { emulator: fiskaltrust, internal: false },
    // fiskaltrust answers unsupported API versions with 400 (not 404); the emulator owns that rule.
    ...['/v0', '/v1'].map((prefix) => ({
      emulator: { prefix, handle: fiskaltrust.handle },
      internal: false,
    })),
    {
      emulator: createControlEmulator({ faults, counter, customer, ledger, callbacks, extensions }),
      internal: true,
    },
    { emulator: createSimulatorEmulator(), internal: true },
  ];
  const server = createServer(
    { keepAliveTimeout: 30_000 },
    createRequestListener({ mounts, faults, counter, logger }),
  );
  const host = options.host ?? '127.0.0.1';
  await listen(server, options.port ?? 0, host);
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  logger.info('Sandbox listening', { url, db: options.db ?? null });
  return {
    url,
    urls: {
      pos: `${url}/eapi/v1`,
      wallet: `${url}/rest/v1`,
      walletPublicKey: `${url}/publickey`,
      fiskaltrust: `${url}/v2`,
      control: `${url}/_sandbox`,
      simulator: `${url}/simulator`,
    },
    credentials,
    store,
    control: {
      faults: {
        add: (spec) => faults.add(FaultSpec.parse(spec)),
        remove: (id) => faults.remove(id),
        clear: () => faults.clear(),
        list: () => faults.list(),
      },
      stats: () => counter.snapshot(),
      count: (route) => counter.count(route),
      resetStats: () => counter.reset(),
      wallet: customer,
      walletLedger: ledger,
      walletCallbacks: callbacks,
      fiskaltrust: fiskaltrustControl,
    },
    close: () => {
      callbacks.close();
      return close(server, store);
    },
  };
}

async function openSqlite(file: string): Promise<SandboxStore> {
  // Loaded only when asked for, so in-memory sandboxes never trigger node:sqlite's ExperimentalWarning.
  const { SqliteStore } = await import('./store/sqlite.ts');
  return new SqliteStore(file);
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function close(server: Server, store: SandboxStore): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => {
      store.close();
      if (error) reject(error);
      else resolve();
    });
    server.closeAllConnections();
  });
}
