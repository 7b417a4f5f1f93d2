import { ApiError, type Backend, type Cart, minor, type Product } from './backend.ts';
import { contract } from './contract.ts';
import { digitsOf, toMinor } from './money.ts';

// Medusa: the catalogue and the cart are the store API's (every /store call carries the publishable key);
// the @tillkit/graphql contract is the store route /store/tillkit/graphql, told the cart in
// `x-tillkit-cart-id`. Once paid, Medusa's webhook path completes the cart into an order by itself.

const CART_KEY = 'tillkit-medusa-cart';
// The shopper only picks products and pays: the demo fills in who they are and where the order goes.
const EMAIL = 'shopper@tillkit.example';
const ADDRESS = {
  first_name: 'Demo',
  last_name: 'Shopper',
  address_1: 'Kärntner Straße 1',
  city: 'Wien',
  postal_code: '1010',
  country_code: 'at',
};
const COUNTRY = 'at';
const CART_FIELDS = 'id,completed_at,currency_code,total,*items';

interface MedusaCart {
  id: string;
  completed_at: string | null;
  currency_code: string;
  total: number;
  items: Array<{ id: string; quantity: number; variant_sku: string | null; product_title: string }>;
}

export function medusaBackend(publishableKey: string): Backend {
  const headers = { 'x-publishable-api-key': publishableKey };

  /** One store API call; Medusa's `{ type, message }` error becomes an ApiError. */
  async function store<T>(method: string, path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetch(path, {
        method,
        headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    } catch (e) {
      throw new ApiError((e as Error).message, 'NETWORK');
    }
    const data = (await res.json().catch(() => ({}))) as T & { type?: string; message?: string };
    if (!res.ok) throw new ApiError(data.message ?? `HTTP ${res.status}`, data.type ?? 'NETWORK');
    return data;
  }

  const api = contract((body) => {
    const cartId = localStorage.getItem(CART_KEY) ?? '';
    return fetch('/store/tillkit/graphql', {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'x-tillkit-cart-id': cartId },
      body,
    });
  });

  let region: Promise<{ id: string; currency_code: string }> | undefined;
  const regionOf = () => {
    region ??= store<{
      regions: Array<{ id: string; currency_code: string; countries: Array<{ iso_2: string }> }>;
    }>('GET', '/store/regions').then(({ regions }) => {
      const r = regions.find((x) => x.countries.some((c) => c.iso_2 === COUNTRY));
      if (!r) throw new ApiError(`The shop has no region for ${COUNTRY.toUpperCase()}`, 'NOT_FOUND');
      return r;
    });
    return region;
  };
  // SKU → variant id: the page keys products by SKU, a line item takes the variant's id.
  const variants = new Map<string, string>();

  const toCart = (c: MedusaCart | undefined): Cart => {
    const currency = (c?.currency_code ?? 'eur').toUpperCase();
    return {
      lines: (c?.items ?? []).map((i) => ({
        productId: i.variant_sku ?? i.id,
        name: i.product_title,
        quantity: i.quantity,
      })),
      total: minor(c ? toMinor(c.total, currency) : 0, currency, digitsOf(currency)),
    };
  };

  /** The stored cart while it is still a cart (a paid one has become an order). */
  async function current(): Promise<MedusaCart | undefined> {
    const id = localStorage.getItem(CART_KEY);
    if (!id) return undefined;
    const found = await store<{ cart: MedusaCart }>('GET', `/store/carts/${id}?fields=${CART_FIELDS}`).catch(
      (e: unknown) => {
        if (e instanceof ApiError && e.code === 'not_found') return undefined;
        throw e;
      },
    );
    if (found && !found.cart.completed_at) return found.cart;
    localStorage.removeItem(CART_KEY);
    return undefined;
  }

  return {
    async listProducts(): Promise<Product[]> {
      const r = await regionOf();
      const { products } = await store<{
        products: Array<{
          title: string;
          description: string | null;
          variants: Array<{
            id: string;
            sku: string | null;
            title: string;
            calculated_price: { calculated_amount_with_tax: number; currency_code: string } | null;
          }>;
        }>;
      }>(
        'GET',
        `/store/products?limit=100&order=title&region_id=${r.id}&country_code=${COUNTRY}&fields=title,description,*variants.calculated_price,variants.sku,variants.title`,
      );
      return products.flatMap((p) =>
        p.variants.flatMap((v) => {
          const price = v.calculated_price;
          if (!price || !v.sku) return []; // not sold in this region
          variants.set(v.sku, v.id);
          const currency = price.currency_code.toUpperCase();
          return [
            {
              id: v.sku,
              name: p.title,
              description: p.description ?? '',
              price: minor(toMinor(price.calculated_amount_with_tax, currency), currency, digitsOf(currency)),
            },
          ];
        }),
      );
    },
    cart: async () => toCart(await current()),
    async add(sku) {
      const variant = variants.get(sku);
      if (!variant) throw new ApiError(`${sku} is not a product of this shop`, 'VALIDATION_FAILED');
      const item = { variant_id: variant, quantity: 1 };
      const open = await current();
      if (open) {
        await store('POST', `/store/carts/${open.id}/line-items`, item);
      } else {
        const { cart } = await store<{ cart: MedusaCart }>('POST', '/store/carts', {
          region_id: (await regionOf()).id,
          email: EMAIL,
          shipping_address: ADDRESS,
          items: [item],
        });
        localStorage.setItem(CART_KEY, cart.id);
      }
      return toCart(await current());
    },
    async remove(sku) {
      const open = await current();
      const line = open?.items.find((i) => i.variant_sku === sku);
      if (open && line) await store('DELETE', `/store/carts/${open.id}/line-items/${line.id}`);
      return toCart(await current());
    },
    async clear() {
      // The next item starts a new cart.
      localStorage.removeItem(CART_KEY);
      return toCart(undefined);
    },
    async startCheckout() {
      const open = await current();
      if (!open) throw new ApiError('The cart is empty', 'VALIDATION_FAILED');
      const { shipping_options: options } = await store<{
        shipping_options: Array<{ id: string; amount: number }>;
      }>('GET', `/store/shipping-options?cart_id=${open.id}`);
      const currency = open.currency_code.toUpperCase();
      const cheapest = options
        .map((o) => ({ id: o.id, minor: toMinor(o.amount, currency) }))
        .sort((a, b) => a.minor - b.minor)[0];
      if (!cheapest) throw new ApiError('No shipping option serves this cart', 'NO_SHIPPING_METHOD');
      await store('POST', `/store/carts/${open.id}/shipping-methods`, { option_id: cheapest.id });
      return api.start({});
    },
    getCheckout: api.get,
    cancelCheckout: api.cancel,
    async orderPlaced() {
      const id = localStorage.getItem(CART_KEY);
      if (!id) return undefined;
      const { cart } = await store<{ cart: MedusaCart }>('GET', `/store/carts/${id}?fields=id,completed_at`);
      return cart.completed_at ? 'Order placed' : undefined;
    },
  };
}
