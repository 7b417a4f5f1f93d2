/**
 * The TillKit storefront contract as SDL. Platform adapters (Medusa, Vendure) expose this unchanged,
 * with the resolvers from `makeSchema`.
 *
 * Polling contract: after `startCheckout`, poll `checkout(id, token)` every `pollAfterMs` until
 * `terminal` is true or `paid` is true and `receipt` is not null; `receiptPending` says the fiscal
 * service has not signed yet (keep polling, the receipt is signed exactly once when it recovers).
 * `subscription { checkout(id, token) }` runs the same contract on the server and pushes each change
 * (graphql-yoga serves it over SSE).
 */
export const typeDefs = /* GraphQL */ `
"""Integer amount in the currency's minor units (cents). Floats are rejected."""
scalar MinorUnits
"""ISO 4217 alphabetic currency code, upper case (EUR)."""
scalar CurrencyCode
"""A checkout id (chk_ followed by 1-64 letters, digits, _ or -)."""
scalar CheckoutId
"""An unguessable checkout token, returned once by startCheckout; proves the caller started the checkout."""
scalar CheckoutToken
"""A product, order or fiscal day id (1-64 letters, digits, _, - or .)."""
scalar EntityId

type Money {
  amount: MinorUnits!
  currency: CurrencyCode!
  """Decimal string of the amount (25.99), for display."""
  formatted: String!
}

type Product {
  id: EntityId!
  name: String!
  description: String!
  price: Money!
  vatRate: Float!
}

type OrderLine {
  productId: EntityId!
  name: String!
  quantity: Int!
  unitPrice: Money!
  total: Money!
  vatRate: Float!
}

type Order {
  id: EntityId!
  lines: [OrderLine!]!
  total: Money!
}

enum CheckoutStatus {
  AWAITING_SCAN
  ORDER_ATTACHED
  RESERVED
  CONFIRMED
  SPOT_CLOSED
  EXPIRED
  REJECTED
  FAILED
  CANCELLED
}

type Checkout {
  id: CheckoutId!
  status: CheckoutStatus!
  """True once the money is taken (CONFIRMED or SPOT_CLOSED)."""
  paid: Boolean!
  """True when the status will not change any more."""
  terminal: Boolean!
  """How long to wait before polling again; 0 when there is nothing more to wait for."""
  pollAfterMs: Int!
  amount: Money!
  description: String!
  """The text the QR code encodes; render it as a QR image for the wallet app."""
  qrPayload: String!
  spotCode: String
  order: Order
  createdAt: String!
  updatedAt: String!
  failureReason: String
  """The signed receipt once the order is paid and the fiscal service has signed it."""
  receipt: Receipt
  """True while the order is paid but the receipt is not signed yet."""
  receiptPending: Boolean!
}

type StartCheckoutPayload {
  checkout: Checkout!
  """Send it with every later call about this checkout. Shown once; keep it secret."""
  token: CheckoutToken!
}

type ReceiptLine {
  description: String!
  quantity: Float!
  amount: Money!
  vatRate: Float!
  vatAmount: Money!
}

type VatBreakdown {
  rate: Float!
  net: Money!
  vat: Money!
  gross: Money!
}

type Signature {
  caption: String
  data: String!
  format: String!
  type: String!
}

type Receipt {
  orderId: EntityId!
  receiptId: String!
  queueItemId: String!
  cashBoxIdentification: String!
  country: String!
  signedAt: String!
  lines: [ReceiptLine!]!
  vat: [VatBreakdown!]!
  total: Money!
  signatures: [Signature!]!
  printable: String!
}

type FinancialDocument {
  id: EntityId!
  type: String!
  number: String!
  total: Money!
  fiscalDayNumber: Int!
  createdAt: String!
}

type FiscalDay {
  id: EntityId!
  number: Int!
  status: String!
  startedAt: String!
  closedAt: String
  totalSales: Money!
  totalReturns: Money!
  receiptCount: Int!
}

input CartLineInput {
  productId: EntityId!
  quantity: Int!
}

input StartCheckoutInput {
  lines: [CartLineInput!]!
  """Shown in the wallet app; defaults to the shop's description."""
  description: String
}

input DocumentFilterInput {
  type: String
  fiscalDayNumber: Int
  """At most this many documents (1-100)."""
  limit: Int = 20
}

type Query {
  products: [Product!]!
  """The caller's own checkout: the token from startCheckout is required."""
  checkout(id: CheckoutId!, token: CheckoutToken!): Checkout!
  """The signed receipt of the checkout's order; null while pending. Errors with CONFLICT if not paid."""
  receipt(checkoutId: CheckoutId!, token: CheckoutToken!): Receipt
  """Merchant only (API key)."""
  documents(filter: DocumentFilterInput): [FinancialDocument!]!
  """Merchant only (API key)."""
  fiscalDay(id: EntityId!): FiscalDay!
}

type Subscription {
  """The caller's own checkout, pushed now and on every status or receipt change; ends once settled."""
  checkout(id: CheckoutId!, token: CheckoutToken!): Checkout!
}

type Mutation {
  startCheckout(input: StartCheckoutInput!): StartCheckoutPayload!
  cancelCheckout(id: CheckoutId!, token: CheckoutToken!): Checkout!
}
`;
