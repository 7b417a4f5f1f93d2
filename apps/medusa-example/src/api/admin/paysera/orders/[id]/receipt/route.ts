// GET /admin/paysera/orders/:id/receipt — the order's signed fiskaltrust receipts (sale and refunds).
export { receiptRoute as GET } from '@tillkit/medusa-payment-paysera';
