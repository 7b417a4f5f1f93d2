// First, so an unsupported Node is refused before anything else loads.
import './node-version.ts';

export {
  CALLBACK_SIGNATURE_HEADER,
  signCallback,
  verifyCallbackSignature,
} from './async/callback-signature.ts';
export { type CallbackReceiverOptions, createCallbackReceiver } from './async/receiver.ts';
export {
  type BackgroundRunner,
  createInProcessRunner,
  type InProcessRunner,
  type SignJob,
} from './async/runner.ts';
export { createFiscalClient, type FiscalClient, type JournalQuery, type SignOptions } from './client.ts';
export { FiscalClientConfig, type FiscalClientOptions } from './config.ts';
export { mapFiskaltrustError } from './errors.ts';
export { newOperationId, operationIdFor } from './operation-id.ts';
export {
  buildReceipt,
  buildSpecialReceipt,
  lineTotal,
  ReceiptContext,
  type SpecialReceiptKind,
} from './receipt/builder.ts';
export { FiscalOrder, OrderLine, OrderPayment } from './receipt/order.ts';
export { type ReceiptCountry, supportedVatRates, vatClassFor } from './receipt/vat.ts';
export { receiptResponseOf, type SignResult, serializeReceiptRequest } from './sign.ts';
export { decodeFiscalState, type FiscalState, type FiscalStateFlags } from './state.ts';
