import { gql } from 'graphql-tag';

const ORDER = `code state totalWithTax currencyCode
  payments { id state amount transactionId refunds { id state total transactionId } }
  tillkitReceipts { kind state attemptId refundId receiptId reference total currencyCode printable failure }`;

export const ADD_ITEM = gql`
  mutation ($id: ID!, $qty: Int!) {
    addItemToOrder(productVariantId: $id, quantity: $qty) {
      ... on Order { code totalWithTax }
      ... on ErrorResult { errorCode message }
    }
  }
`;
export const SET_CUSTOMER = gql`
  mutation ($email: String!) {
    setCustomerForOrder(input: { emailAddress: $email, firstName: "Ada", lastName: "Shopper" }) {
      ... on ErrorResult { errorCode message }
    }
    setOrderShippingAddress(input: { streetLine1: "Ring 1", city: "Wien", postalCode: "1010", countryCode: "AT" }) {
      ... on ErrorResult { errorCode message }
    }
  }
`;
export const SHIPPING_METHODS = gql`
  query {
    eligibleShippingMethods { id }
  }
`;
export const SET_SHIPPING = gql`
  mutation ($id: [ID!]!) {
    setOrderShippingMethod(shippingMethodId: $id) {
      ... on Order { code totalWithTax }
      ... on ErrorResult { errorCode message }
    }
  }
`;
// The @tillkit/graphql contract's operations, as the storefront sends them.
const MONEY = 'amount currency formatted';
const RECEIPT = `kind receiptId signedAt total { ${MONEY} } printable`;
const CHECKOUT = `id orderRef status paid terminal pollAfterMs qrPayload spotCode amount { ${MONEY} }
  receiptStatus receipt { ${RECEIPT} } failure { code }`;
export const START = gql`
  mutation ($input: TillKitStartCheckoutInput!) {
    tillkitStartCheckout(input: $input) { token checkout { ${CHECKOUT} } }
  }
`;
export const CHECKOUT_STATUS = gql`
  query ($id: TillKitCheckoutId!, $token: TillKitCheckoutToken!) {
    tillkitCheckout(id: $id, token: $token) { ${CHECKOUT} }
  }
`;
export const RECEIPT_OF = gql`
  query ($id: TillKitCheckoutId!, $token: TillKitCheckoutToken!) {
    tillkitReceipt(checkoutId: $id, token: $token) { ${RECEIPT} }
  }
`;
export const ADD_PAYMENT = gql`
  mutation ($method: String!) {
    transitionOrderToState(state: "ArrangingPayment") { ... on ErrorResult { errorCode message } }
    addPaymentToOrder(input: { method: $method, metadata: {} }) {
      ... on Order { code state }
      ... on ErrorResult { errorCode message }
    }
  }
`;
export const ACTIVE_ORDER = gql`
  query { activeOrder { ${ORDER} } }
`;
export const SHOP_ORDER = gql`
  query ($code: String!) { orderByCode(code: $code) { ${ORDER} } }
`;

export const ADMIN_ORDER = gql`
  query ($code: String!) {
    orders(options: { filter: { code: { eq: $code } } }) { items { id ${ORDER} } }
  }
`;
export const CREATE_METHOD = gql`
  mutation ($code: String!, $captureMode: String!) {
    createPaymentMethod(input: {
      code: $code, enabled: true,
      handler: { code: "paysera-scan-and-pay", arguments: [{ name: "captureMode", value: $captureMode }] },
      translations: [{ languageCode: en, name: "Paysera scan-and-pay" }]
    }) { id code }
  }
`;
export const UPDATE_METHOD = gql`
  mutation ($id: ID!, $captureMode: String!) {
    updatePaymentMethod(input: {
      id: $id,
      handler: { code: "paysera-scan-and-pay", arguments: [{ name: "captureMode", value: $captureMode }] }
    }) { id }
  }
`;
export const CHANNEL = gql`
  query { activeChannel { id } }
`;
export const SET_CURRENCIES = gql`
  mutation ($id: ID!) {
    updateChannel(input: { id: $id, defaultCurrencyCode: EUR, availableCurrencyCodes: [EUR, JPY] }) {
      ... on Channel { id defaultCurrencyCode }
      ... on ErrorResult { errorCode message }
    }
  }
`;
export const SET_JPY_PRICES = gql`
  mutation ($input: [UpdateProductVariantInput!]!) {
    updateProductVariants(input: $input) { id }
  }
`;
export const SETTLE = gql`
  mutation ($id: ID!) {
    settlePayment(id: $id) {
      ... on Payment { id state }
      ... on ErrorResult { errorCode message }
      ... on SettlePaymentError { paymentErrorMessage }
    }
  }
`;
export const CANCEL = gql`
  mutation ($id: ID!) {
    cancelPayment(id: $id) {
      ... on Payment { id state }
      ... on ErrorResult { errorCode message }
      ... on CancelPaymentError { paymentErrorMessage }
    }
  }
`;
export const REFUND = gql`
  mutation ($paymentId: ID!, $amount: Money!) {
    refundOrder(input: { paymentId: $paymentId, amount: $amount, shipping: 0, adjustment: 0, reason: "e2e" }) {
      ... on Refund { id state total transactionId }
      ... on ErrorResult { errorCode message }
    }
  }
`;
export const JOBS = gql`
  query {
    jobs(options: { filter: { queueName: { eq: "tillkit-jobs" } } }) { items { state data } }
  }
`;
