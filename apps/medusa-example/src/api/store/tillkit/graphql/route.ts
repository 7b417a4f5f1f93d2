// GET/POST /store/tillkit/graphql — the TillKit storefront contract (start, poll, receipt, cancel) for the cart in x-tillkit-cart-id.
export { storeGraphql as GET, storeGraphql as POST } from '@tillkit/medusa-payment-paysera';
