// What the page needs from a shop: its catalogue, its cart, and the @tillkit/graphql checkout contract.
// One module per backend implements it (backend-embedded.ts, -vendure.ts, -medusa.ts); the server says which.

export interface Money {
  amount: number;
  currency: string;
  formatted: string;
}
export interface Product {
  /** What the cart adds: the embedded catalogue's id, Vendure's or Medusa's variant SKU. */
  id: string;
  name: string;
  description: string;
  price: Money;
}
export interface Cart {
  lines: Array<{ productId: string; name: string; quantity: number }>;
  /** Display only: the backend prices the order again when the checkout starts. */
  total: Money;
}
export interface Receipt {
  receiptId: string;
  cashBoxIdentification: string;
  country: string;
  signedAt: string;
  lines: Array<{ description: string; quantity: number; amount: Money; vatRate: number; vatAmount: Money }>;
  vat: Array<{ rate: number; net: Money; vat: Money; gross: Money }>;
  total: Money;
  signatures: Array<{ caption: string | null; data: string | null; format: string; type: string }>;
  printable: string;
}
export interface Checkout {
  id: string;
  orderRef: string;
  status: string;
  paid: boolean;
  terminal: boolean;
  pollAfterMs: number;
  amount: Money;
  qrPayload: string;
  spotCode: string;
  failure: { code: string; message: string } | null;
  receiptStatus: 'NONE' | 'PENDING' | 'SIGNED' | 'FAILED';
  receiptPending: boolean;
  receipt: Receipt | null;
}
export interface Started {
  token: string;
  checkout: Checkout;
}

export interface Backend {
  listProducts(): Promise<Product[]>;
  cart(): Promise<Cart>;
  add(productId: string): Promise<Cart>;
  remove(productId: string): Promise<Cart>;
  /** An empty cart for the next purchase. */
  clear(): Promise<Cart>;
  /** Starts the TillKit checkout for the cart. */
  startCheckout(): Promise<Started>;
  getCheckout(id: string, token: string): Promise<Checkout>;
  cancelCheckout(id: string, token: string): Promise<Checkout>;
  /** After payment, where the shop's order stands (Medusa completes the cart itself), if it says. */
  orderPlaced?(): Promise<string | undefined>;
}

/** A GraphQL error, with its `extensions.code` (or a Vendure ErrorResult's `errorCode`). */
export class ApiError extends Error {
  readonly code: string;
  constructor(message: string, code: string) {
    super(message);
    this.code = code;
  }
}

/** Display money from integer minor units with `digits` minor digits (Vendure: ×100 always). */
export function minor(amount: number, currency: string, digits = 2): Money {
  const sign = amount < 0 ? '-' : '';
  const abs = String(Math.abs(amount)).padStart(digits + 1, '0');
  const whole = abs.slice(0, abs.length - digits);
  return { amount, currency, formatted: `${sign}${whole}${digits ? `.${abs.slice(-digits)}` : ''}` };
}
