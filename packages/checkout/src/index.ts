export { balanceSnapshot } from './balance.ts';
export {
  type CheckoutConfig,
  type CheckoutConfigDeps,
  checkoutConfigSchema,
  checkoutOptionsFromConfig,
} from './config.ts';
export { checkoutOptionsFromEnv } from './env.ts';
export { type JobHandler, type JobRunnerOptions, registerJobHandler } from './jobs.ts';
export { type EventNotice, signedNotice, verifiedNotice } from './notice.ts';
export type { CheckoutServiceOptions } from './options.ts';
export { orderReceipts, type PaidAttemptReceipts } from './order-receipts.ts';
export { allocate } from './receipts/fiscal-order.ts';
export { vatOf } from './receipts/view.ts';
export type { FiscalSettings } from './records.ts';
export { createCheckoutService } from './service.ts';
export { type StoreContractCase, storeContract } from './store/contract.ts';
export { createMemoryCheckoutStore } from './store/memory.ts';
export type {
  Batch,
  CheckoutStore,
  Collection,
  Doc,
  Job,
  JobOutcome,
  JobState,
  NewEvent,
  NewJob,
  StoredEvent,
  Write,
} from './store/port.ts';
export * from './types.ts';
export { captureAndWait, refundAndWait, type WaitOptions } from './wait.ts';
