import { ApiError, type Checkout, type Started } from './backend.ts';

// The @tillkit/graphql operations the page sends, over whichever endpoint serves the contract: the
// embedded demo's /graphql, or Vendure's shop API that mounts it.

/** Sends one GraphQL body and returns the HTTP response (the backend adds its own headers). */
export type Post = (body: string) => Promise<Response>;

/** One GraphQL operation; a GraphQL error becomes an {@link ApiError} with its `extensions.code`. */
export async function request<T>(
  post: Post,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  let res: Response;
  try {
    res = await post(JSON.stringify({ query, variables }));
  } catch (e) {
    throw new ApiError((e as Error).message, 'NETWORK');
  }
  const body = (await res.json().catch(() => ({}))) as {
    data?: T;
    errors?: Array<{ message: string; extensions?: { code?: string } }>;
  };
  const first = body.errors?.[0];
  if (first) throw new ApiError(first.message, first.extensions?.code ?? 'UNKNOWN');
  if (!body.data) throw new ApiError(`HTTP ${res.status}`, 'NETWORK');
  return body.data;
}

const MONEY = 'amount currency formatted';
const CHECKOUT = `id orderRef status paid terminal pollAfterMs amount { ${MONEY} } qrPayload spotCode
  failure { code message } receiptStatus receiptPending
  receipt { receiptId cashBoxIdentification country signedAt total { ${MONEY} }
    lines { description quantity vatRate amount { ${MONEY} } vatAmount { ${MONEY} } }
    vat { rate net { ${MONEY} } vat { ${MONEY} } gross { ${MONEY} } }
    signatures { caption data format type } printable }`;
const IDS = '$id: TillKitCheckoutId!, $token: TillKitCheckoutToken!';

/** `tillkitStartCheckout`, `tillkitCheckout` and `tillkitCancelCheckout` over `post`. */
export function contract(post: Post) {
  return {
    async start(input: Record<string, unknown>): Promise<Started> {
      const d = await request<{ tillkitStartCheckout: Started }>(
        post,
        `mutation Start($input: TillKitStartCheckoutInput!) { tillkitStartCheckout(input: $input) { token checkout { ${CHECKOUT} } } }`,
        { input },
      );
      return d.tillkitStartCheckout;
    },
    async get(id: string, token: string): Promise<Checkout> {
      const d = await request<{ tillkitCheckout: Checkout }>(
        post,
        `query C(${IDS}) { tillkitCheckout(id: $id, token: $token) { ${CHECKOUT} } }`,
        { id, token },
      );
      return d.tillkitCheckout;
    },
    async cancel(id: string, token: string): Promise<Checkout> {
      const d = await request<{ tillkitCancelCheckout: Checkout }>(
        post,
        `mutation X(${IDS}) { tillkitCancelCheckout(id: $id, token: $token) { ${CHECKOUT} } }`,
        { id, token },
      );
      return d.tillkitCancelCheckout;
    },
  };
}
