export { createTokenBucket, type RequestBudget, type TokenBucketOptions } from './engine/budget.ts';
export {
  createScanAndPayEngine,
  type ScanAndPayEngine,
  type ScanAndPayEngineOptions,
  type TickReport,
} from './engine/engine.ts';
export {
  canTransition,
  isLive,
  type MachineLimits,
  nextStep,
  type Observation,
  type Step,
} from './engine/machine.ts';
export { type PollingOptions, PollSchedule } from './engine/poller.ts';
export {
  createMemoryLock,
  createMemoryPaymentStore,
  type Lock,
  type LockHandle,
  type PaymentStore,
} from './engine/store.ts';
export type { TriggerResult } from './engine/trigger.ts';
export {
  type CaptureMode,
  type Checkout,
  CheckoutStatus,
  type CheckoutStatusEvent,
  type EngineLogger,
  StartCheckoutInput,
  unpaidStatuses,
} from './engine/types.ts';
export type { TransactionScope, WalletPort } from './engine/wallet-port.ts';
export { createPosClient, type PosClient, type PosClientOptions } from './pos/client.ts';
export type { PosPageResult } from './pos/paginate.ts';
export {
  createWalletPublicKey,
  verifyWalletCallback,
  type WalletCallbackForm,
  type WalletPublicKey,
  type WalletPublicKeyOptions,
} from './wallet/callback.ts';
export { createWalletClient, type WalletClient, type WalletClientOptions } from './wallet/client.ts';
