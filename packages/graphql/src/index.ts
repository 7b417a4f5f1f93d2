export { GraphQLErrorCode, toGraphQLError, type UnexpectedErrorHandler } from './errors.ts';
export { createInMemoryOrders } from './in-memory-orders.ts';
export { type QueryLimits, queryLimitsRule } from './limits.ts';
export { makeSchema } from './make-schema.ts';
export type { SchemaOptions } from './options.ts';
export { createOperationRunner, type OperationRequest } from './run-operation.ts';
export { typeDefs } from './schema.ts';
export { checkoutTokenFor, constantTimeEqual } from './secrets.ts';
export {
  type CartLine,
  type CheckoutService,
  CheckoutStatus,
  type CheckoutView,
  type DocumentQuery,
  type DocumentView,
  type FiscalDayView,
  type MerchantService,
  type OrderLineView,
  type OrderService,
  type OrderView,
  type ProductView,
  paidStatuses,
  type ReceiptLineView,
  type ReceiptService,
  type ReceiptState,
  type ReceiptView,
  type SignatureView,
  type StartCheckoutInput,
  type TillKitServices,
  terminalStatuses,
  type VatBreakdownView,
} from './services.ts';
