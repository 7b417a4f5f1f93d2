export { storeGraphql as GET, storeGraphql as POST } from '@tillkit/medusa-payment-paysera';
