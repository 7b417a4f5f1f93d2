/**
 * The TillKit storefront contract as SDL, over `@tillkit/checkout`. Every type and root field carries the
 * `TillKit`/`tillkit` prefix, so it merges into a host schema (Vendure's shop API has `Order`, `Money`,
 * `CurrencyCode`, `products`…) without a clash; {@link hostTypeDefs} gives the form a host extends its own
 * schema with.
 *
 * Polling contract: after `tillkitStartCheckout`, query `tillkitCheckout(id, token)` again after
 * `pollAfterMs` for as long as it is above 0. It is 0 once the checkout ended unpaid, or is paid and its
 * receipt is signed (or failed for good). `tillkitCheckoutStatus` runs the same contract on the server.
 */
export const typeDefs = /* GraphQL */ `
"""Integer amount in the currency's minor units (cents). Floats are rejected."""
scalar TillKitMinorUnits
"""ISO 4217 alphabetic currency code, upper case (EUR)."""
scalar TillKitCurrencyCode
"""A checkout id (att_ followed by 1-80 letters, digits, _ or -)."""
scalar TillKitCheckoutId
"""An unguessable checkout token, returned once by tillkitStartCheckout; proves the caller started the checkout."""
scalar TillKitCheckoutToken
"""A product or fiscal day id (1-64 letters, digits, _, - or .)."""
scalar TillKitEntityId

type TillKitMoney {
  amount: TillKitMinorUnits!
  currency: TillKitCurrencyCode!
  """Decimal string of the amount (25.99), for display."""
  formatted: String!
}

enum TillKitCheckoutStatus {
  AWAITING_SCAN
  ORDER_ATTACHED
  RESERVED
  CONFIRMED
  CANCELLED
  EXPIRED
  REJECTED
  FAILED
}

enum TillKitReceiptStatus {
  """Not paid, so no receipt."""
  NONE
  """Paid; the fiscal service has not signed yet (it is retried until it does)."""
  PENDING
  SIGNED
  """Signing failed for good; the merchant has been told and can retry it."""
  FAILED
}

"""Why a checkout ended unpaid, or why its receipt failed: a stable code and a message safe to show."""
type TillKitFailure {
  code: String!
  message: String!
}

type TillKitCheckout {
  id: TillKitCheckoutId!
  """The shop's order reference this checkout pays."""
  orderRef: String!
  status: TillKitCheckoutStatus!
  """True once the money is taken (CONFIRMED)."""
  paid: Boolean!
  """True when the status will not change any more."""
  terminal: Boolean!
  """How long to wait before polling again; 0 when there is nothing more to wait for."""
  pollAfterMs: Int!
  amount: TillKitMoney!
  """What was taken (at most amount), once paid."""
  capturedAmount: TillKitMoney
  description: String!
  """The text the QR code encodes; render it as a QR image for the wallet app."""
  qrPayload: String!
  spotCode: String!
  createdAt: String!
  updatedAt: String!
  """Until when the customer can pay."""
  expiresAt: String!
  failure: TillKitFailure
  receiptStatus: TillKitReceiptStatus!
  """True while the checkout is paid and its receipt is not signed yet."""
  receiptPending: Boolean!
  """The signed receipt, once the fiscal service has signed it."""
  receipt: TillKitReceipt
  """Why the receipt failed for good (receiptStatus FAILED)."""
  receiptFailure: TillKitFailure
}

type TillKitStartCheckoutPayload {
  checkout: TillKitCheckout!
  """Send it with every later call about this checkout. Shown once; keep it secret."""
  token: TillKitCheckoutToken!
}

type TillKitReceiptLine {
  description: String!
  quantity: Float!
  amount: TillKitMoney!
  vatRate: Float!
  vatAmount: TillKitMoney!
}

type TillKitVatBreakdown {
  rate: Float!
  net: TillKitMoney!
  vat: TillKitMoney!
  gross: TillKitMoney!
}

type TillKitSignature {
  caption: String
  data: String
  format: String!
  type: String!
}

type TillKitReceipt {
  """SALE or REFUND."""
  kind: String!
  """ftReceiptIdentification: the fiscal receipt number."""
  receiptId: String!
  queueItemId: String!
  cashBoxIdentification: String!
  country: String!
  signedAt: String!
  lines: [TillKitReceiptLine!]!
  vat: [TillKitVatBreakdown!]!
  total: TillKitMoney!
  signatures: [TillKitSignature!]!
  printable: String!
}

type TillKitFinancialDocument {
  id: TillKitEntityId!
  type: String!
  number: String!
  total: TillKitMoney!
  fiscalDayNumber: Int!
  createdAt: String!
}

type TillKitFiscalDay {
  id: TillKitEntityId!
  number: Int!
  status: String!
  startedAt: String!
  closedAt: String
  totalSales: TillKitMoney!
  totalReturns: TillKitMoney!
  receiptCount: Int!
}

input TillKitCartLineInput {
  productId: TillKitEntityId!
  quantity: Int!
}

input TillKitStartCheckoutInput {
  """The cart; a host that keeps the cart itself (an active order) may accept none."""
  lines: [TillKitCartLineInput!]
  """Shown in the wallet app; defaults to the shop's description."""
  description: String
}

input TillKitDocumentFilterInput {
  type: String
  fiscalDayNumber: Int
  """At most this many documents (1-100)."""
  limit: Int = 20
}

type Query {
  """The caller's own checkout: the token from tillkitStartCheckout is required."""
  tillkitCheckout(id: TillKitCheckoutId!, token: TillKitCheckoutToken!): TillKitCheckout!
  """The signed receipt of the checkout; null while pending. CONFLICT if not paid."""
  tillkitReceipt(checkoutId: TillKitCheckoutId!, token: TillKitCheckoutToken!): TillKitReceipt
  """Merchant only (API key)."""
  tillkitDocuments(filter: TillKitDocumentFilterInput): [TillKitFinancialDocument!]!
  """Merchant only (API key)."""
  tillkitFiscalDay(id: TillKitEntityId!): TillKitFiscalDay!
}

type Mutation {
  tillkitStartCheckout(input: TillKitStartCheckoutInput!): TillKitStartCheckoutPayload!
  tillkitCancelCheckout(id: TillKitCheckoutId!, token: TillKitCheckoutToken!): TillKitCheckout!
}

type Subscription {
  """The caller's own checkout, pushed now and on every status or receipt change; ends once settled."""
  tillkitCheckoutStatus(id: TillKitCheckoutId!, token: TillKitCheckoutToken!): TillKitCheckout!
}
`;
