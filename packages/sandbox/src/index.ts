export type { Emulator, EmulatorContext, SandboxRequest, SandboxResponse, SandboxStore } from './contract.ts';
export type { WalletLedgerControl } from './control/control-api.ts';
export { type Fault, FaultKind, FaultSpec } from './core/faults.ts';
export type { SandboxLogger } from './core/logger.ts';
export type { SandboxStats } from './core/stats.ts';
export type {
  CashBoxCredentials,
  CashBoxFaults,
  CreateCashBoxInput,
  FiskaltrustCountry,
  FiskaltrustJournal,
} from './fiskaltrust/index.ts';
export type { FiskaltrustControl } from './fiskaltrust-mount.ts';
export type { PosRateLimits } from './pos/rate-limit.ts';
export { type Sandbox, type SandboxControl, type StartSandboxOptions, startSandbox } from './sandbox.ts';
export type { SandboxCredentials, SeedSpec } from './seed.ts';
export type { SeededLocation, SeededSpot, SeededWallet, WalletSeedSpec } from './seed-wallet.ts';
export { MemoryStore } from './store/memory.ts';
export type { CallbackDelivery, WalletCallbackOptions, WalletCallbacks } from './wallet/callbacks.ts';
export type { CustomerResult, WalletCustomer } from './wallet/customer.ts';
export type { WalletEmulatorOptions } from './wallet/emulator.ts';
export type { PaymentLedger, TransactionLedger, WalletLedger } from './wallet/ledger.ts';
