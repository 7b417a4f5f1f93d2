import { ApiError, type Backend, type Cart, minor, type Product } from './backend.ts';
import { contract, request } from './contract.ts';

// Vendure: the catalogue and the cart (the active order) are the shop API's, which also mounts the
// @tillkit/graphql contract; `tillkitStartCheckout(input: {})` pays the active order. The session is a
// bearer token Vendure returns in `vendure-auth-token`, kept across reloads in localStorage.

const TOKEN_KEY = 'tillkit-vendure-token';
// The shopper only picks products and pays: the demo fills in who they are and where the order goes.
const CUSTOMER = { firstName: 'Demo', lastName: 'Shopper', emailAddress: 'shopper@tillkit.example' };
const ADDRESS = {
  fullName: 'Demo Shopper',
  streetLine1: 'Kärntner Straße 1',
  city: 'Wien',
  postalCode: '1010',
  countryCode: 'AT',
};

async function post(body: string): Promise<Response> {
  const token = localStorage.getItem(TOKEN_KEY);
  const res = await fetch('/shop-api', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  const fresh = res.headers.get('vendure-auth-token');
  if (fresh) localStorage.setItem(TOKEN_KEY, fresh);
  return res;
}

const api = contract(post);

interface Order {
  code: string;
  totalWithTax: number;
  currencyCode: string;
  lines: Array<{ id: string; quantity: number; productVariant: { sku: string; name: string } }>;
}
type Result = (Order & { errorCode?: undefined }) | { errorCode: string; message: string };

const ORDER = 'code totalWithTax currencyCode lines { id quantity productVariant { sku name } }';
const RESULT = `... on Order { ${ORDER} } ... on ErrorResult { errorCode message }`;

/** A mutation answering Order | ErrorResult: the order, or an ApiError with Vendure's errorCode. */
async function mutate(field: string, query: string, variables: Record<string, unknown> = {}) {
  const data = await request<Record<string, Result>>(post, query, variables);
  const r = data[field];
  if (!r || r.errorCode !== undefined)
    throw new ApiError(r?.message ?? `${field} failed`, r?.errorCode ?? 'UNKNOWN');
  return r;
}

const toCart = (o: Order | null): Cart => ({
  lines: (o?.lines ?? []).map((l) => ({
    productId: l.productVariant.sku,
    name: l.productVariant.name,
    quantity: l.quantity,
  })),
  total: minor(o?.totalWithTax ?? 0, o?.currencyCode ?? 'EUR'),
});

/** Vendure's descriptions are rich text: the page shows their text only. */
const text = (html: string) => new DOMParser().parseFromString(html, 'text/html').body.textContent ?? '';

export function vendureBackend(): Backend {
  // SKU → variant id: the page keys products by SKU, addItemToOrder takes the variant's id.
  const variants = new Map<string, string>();
  const activeOrder = async () =>
    (await request<{ activeOrder: Order | null }>(post, `{ activeOrder { ${ORDER} } }`)).activeOrder;
  return {
    async listProducts(): Promise<Product[]> {
      const { products } = await request<{
        products: {
          items: Array<{
            name: string;
            description: string;
            variants: Array<{
              id: string;
              sku: string;
              name: string;
              priceWithTax: number;
              currencyCode: string;
            }>;
          }>;
        };
      }>(
        post,
        '{ products(options: { take: 100 }) { items { name description variants { id sku name priceWithTax currencyCode } } } }',
      );
      return products.items.flatMap((p) =>
        p.variants.map((v) => {
          variants.set(v.sku, v.id);
          return {
            id: v.sku,
            name: v.name,
            description: text(p.description),
            price: minor(v.priceWithTax, v.currencyCode),
          };
        }),
      );
    },
    cart: async () => toCart(await activeOrder()),
    async add(sku) {
      const variant = variants.get(sku);
      if (!variant) throw new ApiError(`${sku} is not a product of this shop`, 'VALIDATION_FAILED');
      return toCart(
        await mutate(
          'addItemToOrder',
          `mutation A($v: ID!) { addItemToOrder(productVariantId: $v, quantity: 1) { ${RESULT} } }`,
          {
            v: variant,
          },
        ),
      );
    },
    async remove(sku) {
      const line = (await activeOrder())?.lines.find((l) => l.productVariant.sku === sku);
      if (!line) return toCart(await activeOrder());
      return toCart(
        await mutate(
          'removeOrderLine',
          `mutation R($l: ID!) { removeOrderLine(orderLineId: $l) { ${RESULT} } }`,
          {
            l: line.id,
          },
        ),
      );
    },
    async clear() {
      // A paid order is no longer active: the next item starts a new one.
      if (!(await activeOrder())) return toCart(null);
      return toCart(await mutate('removeAllOrderLines', `mutation { removeAllOrderLines { ${RESULT} } }`));
    },
    async startCheckout() {
      await mutate(
        'setCustomerForOrder',
        `mutation C($c: CreateCustomerInput!) { setCustomerForOrder(input: $c) { ${RESULT} } }`,
        { c: CUSTOMER },
      );
      await mutate(
        'setOrderShippingAddress',
        `mutation S($a: CreateAddressInput!) { setOrderShippingAddress(input: $a) { ${RESULT} } }`,
        { a: ADDRESS },
      );
      const { eligibleShippingMethods: methods } = await request<{
        eligibleShippingMethods: Array<{ id: string; priceWithTax: number }>;
      }>(post, '{ eligibleShippingMethods { id priceWithTax } }');
      const cheapest = methods.sort((a, b) => a.priceWithTax - b.priceWithTax)[0];
      if (!cheapest)
        throw new ApiError('No shipping method is eligible for this order', 'NO_SHIPPING_METHOD');
      await mutate(
        'setOrderShippingMethod',
        `mutation M($m: [ID!]!) { setOrderShippingMethod(shippingMethodId: $m) { ${RESULT} } }`,
        { m: [cheapest.id] },
      );
      return api.start({});
    },
    getCheckout: api.get,
    cancelCheckout: api.cancel,
  };
}
