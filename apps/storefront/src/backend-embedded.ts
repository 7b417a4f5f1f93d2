import { ApiError, type Backend, type Cart, minor, type Product } from './backend.ts';
import { contract } from './contract.ts';

// The embedded demo: the catalogue at /api/products, the cart in the page, and the checkout service's
// @tillkit/graphql server at /graphql, which prices the cart's lines again from the catalogue.

const api = contract((body) =>
  fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body }),
);

export function embeddedBackend(): Backend {
  const quantities = new Map<string, number>();
  let products: Product[] = [];
  const cart = async (): Promise<Cart> => {
    const lines = [...quantities].map(([productId, quantity]) => ({
      productId,
      quantity,
      name: products.find((p) => p.id === productId)?.name ?? productId,
    }));
    const total = lines.reduce(
      (sum, l) => sum + (products.find((p) => p.id === l.productId)?.price.amount ?? 0) * l.quantity,
      0,
    );
    return { lines, total: minor(total, products[0]?.price.currency ?? 'EUR') };
  };
  return {
    async listProducts() {
      const res = await fetch('/api/products');
      if (!res.ok) throw new ApiError(`HTTP ${res.status}`, 'NETWORK');
      products = (await res.json()) as Product[];
      return products;
    },
    cart,
    async add(id) {
      quantities.set(id, (quantities.get(id) ?? 0) + 1);
      return cart();
    },
    async remove(id) {
      quantities.delete(id);
      return cart();
    },
    async clear() {
      quantities.clear();
      return cart();
    },
    startCheckout: () =>
      api.start({ lines: [...quantities].map(([productId, quantity]) => ({ productId, quantity })) }),
    getCheckout: api.get,
    cancelCheckout: api.cancel,
  };
}
