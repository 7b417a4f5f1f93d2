export { createFiskaltrustEmulator } from './emulator.ts';
export type {
  CashBoxCredentials,
  CashBoxFaults,
  CreateCashBoxInput,
  FiskaltrustCountry,
  FiskaltrustEmulator,
  FiskaltrustEmulatorOptions,
  FiskaltrustJournal,
  QueueItemRecord,
  QueueSnapshot,
} from './types.ts';
