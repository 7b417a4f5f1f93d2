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
