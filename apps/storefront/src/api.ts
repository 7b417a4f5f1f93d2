import type { Product as CatalogueProduct } from '../server/catalogue.ts';

// A tiny GraphQL client for the page: one POST per operation to /graphql (proxied to @tillkit/graphql).

export interface Money {
  amount: number;
  currency: string;
  formatted: string;
}
/** A catalogue product as `/api/products` serves it: the server's own type, with a display price. */
export type Product = Omit<CatalogueProduct, 'price'> & { price: Money };
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

/** A GraphQL error, with its `extensions.code`. */
export class ApiError extends Error {
  readonly code: string;
  constructor(message: string, code: string) {
    super(message);
    this.code = code;
  }
}

const MONEY = 'amount currency formatted';
const CHECKOUT = `id status paid terminal pollAfterMs amount { ${MONEY} } qrPayload spotCode failure { code message }
  receiptStatus receiptPending
  receipt { receiptId cashBoxIdentification country signedAt total { ${MONEY} }
    lines { description quantity vatRate amount { ${MONEY} } vatAmount { ${MONEY} } }
    vat { rate net { ${MONEY} } vat { ${MONEY} } gross { ${MONEY} } }
    signatures { caption data format type } printable }`;

async function request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as {
    data?: T;
    errors?: Array<{ message: string; extensions?: { code?: string } }>;
  };
  const first = body.errors?.[0];
  if (first) throw new ApiError(first.message, first.extensions?.code ?? 'UNKNOWN');
  if (!body.data) throw new ApiError(`HTTP ${res.status}`, 'NETWORK');
  return body.data;
}

/** The shop's catalogue, which the shop serves itself (the GraphQL contract knows no products). */
export async function listProducts(): Promise<Product[]> {
  const res = await fetch('/api/products');
  if (!res.ok) throw new ApiError(`HTTP ${res.status}`, 'NETWORK');
  return (await res.json()) as Product[];
}

export async function startCheckout(
  lines: Array<{ productId: string; quantity: number }>,
): Promise<{ token: string; checkout: Checkout }> {
  const d = await request<{ tillkitStartCheckout: { token: string; checkout: Checkout } }>(
    `mutation Start($input: TillKitStartCheckoutInput!) { tillkitStartCheckout(input: $input) { token checkout { ${CHECKOUT} } } }`,
    { input: { lines } },
  );
  return d.tillkitStartCheckout;
}

const IDS = '$id: TillKitCheckoutId!, $token: TillKitCheckoutToken!';

export async function getCheckout(id: string, token: string): Promise<Checkout> {
  const d = await request<{ tillkitCheckout: Checkout }>(
    `query C(${IDS}) { tillkitCheckout(id: $id, token: $token) { ${CHECKOUT} } }`,
    { id, token },
  );
  return d.tillkitCheckout;
}

export async function cancelCheckout(id: string, token: string): Promise<Checkout> {
  const d = await request<{ tillkitCancelCheckout: Checkout }>(
    `mutation X(${IDS}) { tillkitCancelCheckout(id: $id, token: $token) { ${CHECKOUT} } }`,
    { id, token },
  );
  return d.tillkitCancelCheckout;
}
