export {
  buildReceipt,
  buildSpecialReceipt,
  ReceiptContext,
  type SpecialReceiptKind,
} from './receipt/builder.ts';
export { FiscalOrder, OrderLine, OrderPayment } from './receipt/order.ts';
export { type ReceiptCountry, supportedVatRates, vatClassFor } from './receipt/vat.ts';
