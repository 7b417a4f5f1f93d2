// A tiny GraphQL client for the page: one POST per operation to /graphql (proxied to @tillkit/graphql).

export interface Money {
  amount: number;
  currency: string;
  formatted: string;
}
export interface Product {
  id: string;
  name: string;
  description: string;
  price: Money;
  vatRate: number;
}
export interface Receipt {
  receiptId: string;
  cashBoxIdentification: string;
  country: string;
  signedAt: string;
  lines: Array<{ description: string; quantity: number; amount: Money; vatRate: number; vatAmount: Money }>;
  vat: Array<{ rate: number; net: Money; vat: Money; gross: Money }>;
  total: Money;
  signatures: Array<{ caption: string | null; data: string; format: string; type: string }>;
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
  spotCode: string | null;
  failureReason: string | null;
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
const CHECKOUT = `id status paid terminal pollAfterMs amount { ${MONEY} } qrPayload spotCode failureReason receiptPending
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

export async function listProducts(): Promise<Product[]> {
  const d = await request<{ products: Product[] }>(
    `{ products { id name description vatRate price { ${MONEY} } } }`,
  );
  return d.products;
}

export async function startCheckout(
  lines: Array<{ productId: string; quantity: number }>,
): Promise<{ token: string; checkout: Checkout }> {
  const d = await request<{ startCheckout: { token: string; checkout: Checkout } }>(
    `mutation Start($input: StartCheckoutInput!) { startCheckout(input: $input) { token checkout { ${CHECKOUT} } } }`,
    { input: { lines } },
  );
  return d.startCheckout;
}

export async function getCheckout(id: string, token: string): Promise<Checkout> {
  const d = await request<{ checkout: Checkout }>(
    `query C($id: CheckoutId!, $token: CheckoutToken!) { checkout(id: $id, token: $token) { ${CHECKOUT} } }`,
    { id, token },
  );
  return d.checkout;
}

export async function cancelCheckout(id: string, token: string): Promise<Checkout> {
  const d = await request<{ cancelCheckout: Checkout }>(
    `mutation X($id: CheckoutId!, $token: CheckoutToken!) { cancelCheckout(id: $id, token: $token) { ${CHECKOUT} } }`,
    { id, token },
  );
  return d.cancelCheckout;
}
