export { callerError, GraphQLErrorCode, toGraphQLError, type UnexpectedErrorHandler } from './errors.ts';
export { type HostTypeDefsOptions, hostTypeDefs } from './host.ts';
export { type QueryLimits, queryLimitsRule } from './limits.ts';
export { createResolverMap, makeSchema } from './make-schema.ts';
export type { SchemaOptions } from './options.ts';
export {
  type DocumentQuery,
  type DocumentView,
  type FiscalDayView,
  type MerchantReads,
  paidStatuses,
  type TillKitGraphQLServices,
  terminalStatuses,
} from './ports.ts';
export type { RateLimit } from './rate-limit.ts';
export type { Resolver, ResolverMap } from './resolvers.ts';
export { createOperationRunner, type OperationRequest } from './run-operation.ts';
export { createScalars } from './scalars.ts';
export { typeDefs } from './schema.ts';
export { checkoutTokenFor, constantTimeEqual } from './secrets.ts';
