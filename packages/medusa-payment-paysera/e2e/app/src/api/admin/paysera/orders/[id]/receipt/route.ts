export { receiptRoute as GET } from '@tillkit/medusa-payment-paysera';
