import QRCode from 'qrcode';
import { ApiError, type Backend, type Cart, type Checkout, type Product } from './backend.ts';
import { embeddedBackend } from './backend-embedded.ts';
import { medusaBackend } from './backend-medusa.ts';
import { vendureBackend } from './backend-vendure.ts';
import { byId, el } from './dom.ts';
import { renderReceipt } from './receipt-view.ts';

// Injected by the server that serves the page (server/page.ts).
declare const __SIMULATOR_URL__: string;
declare const __BACKEND__: 'embedded' | 'vendure' | 'medusa';
declare const __PUBLISHABLE_KEY__: string;

const backend: Backend =
  __BACKEND__ === 'vendure'
    ? vendureBackend()
    : __BACKEND__ === 'medusa'
      ? medusaBackend(__PUBLISHABLE_KEY__)
      : embeddedBackend();
let cart: Cart = { lines: [], total: { amount: 0, currency: 'EUR', formatted: '0.00' } };
let products: Product[] = [];
let current: { id: string; token: string } | undefined;
let pollTimer: ReturnType<typeof setTimeout> | undefined;
let orderTimer: ReturnType<typeof setTimeout> | undefined;

const statusText: Record<string, string> = {
  AWAITING_SCAN: 'Waiting for the customer to scan',
  ORDER_ATTACHED: 'Scanned — waiting for approval in the wallet',
  RESERVED: 'Approved — taking the payment',
  CONFIRMED: 'Paid',
  EXPIRED: 'Expired',
  REJECTED: 'Rejected by the customer',
  FAILED: 'Failed',
  CANCELLED: 'Cancelled',
};

function showError(message: string | undefined): void {
  const node = byId('error');
  node.textContent = message ?? '';
  node.hidden = message === undefined;
}

/** Runs a cart change, then shows the cart the backend answers with. */
async function changeCart(change: () => Promise<Cart>): Promise<void> {
  showError(undefined);
  try {
    cart = await change();
  } catch (e) {
    showError((e as Error).message);
  }
  renderCart();
}

function renderProducts(): void {
  byId('products').replaceChildren(
    ...products.map((p) => {
      const add = el('button', { type: 'button', 'data-product': p.id }, 'Add to cart');
      add.addEventListener('click', () => void changeCart(() => backend.add(p.id)));
      return el(
        'li',
        { class: 'product' },
        el('h3', {}, p.name),
        el('p', {}, p.description),
        el('p', { class: 'price' }, `${p.price.formatted} ${p.price.currency}`),
        add,
      );
    }),
  );
}

function renderCart(): void {
  const rows = cart.lines.map((line) => {
    const remove = el('button', { type: 'button', class: 'link', 'aria-label': `Remove ${line.name}` }, '×');
    remove.addEventListener('click', () => void changeCart(() => backend.remove(line.productId)));
    return el('li', {}, `${line.quantity} × ${line.name}`, remove);
  });
  byId('cart').replaceChildren(
    ...(rows.length ? rows : [el('li', { class: 'empty' }, 'Your cart is empty')]),
  );
  byId('cart-total').textContent = `${cart.total.formatted} ${cart.total.currency}`;
  byId<HTMLButtonElement>('pay').disabled = cart.lines.length === 0 || current !== undefined;
}

function renderCheckout(c: Checkout): void {
  const status = byId('status');
  status.textContent = statusText[c.status] ?? c.status;
  status.dataset['status'] = c.status;
  byId('checkout-amount').textContent = `${c.amount.formatted} ${c.amount.currency}`;
  byId('order-ref').textContent = c.orderRef;
  byId<HTMLButtonElement>('cancel').hidden = c.paid || c.terminal;
  const outcome = byId('outcome');
  if (c.paid && c.receipt) {
    renderReceipt(byId('receipt'), c.receipt);
    outcome.hidden = true;
  } else if (c.paid) {
    outcome.textContent =
      c.receiptStatus === 'FAILED'
        ? 'Paid. The receipt could not be signed; the shop has been told.'
        : 'Paid. Waiting for the fiscal signature of your receipt…';
    outcome.dataset['kind'] = 'pending';
    outcome.hidden = false;
  } else if (c.terminal) {
    outcome.textContent = `${statusText[c.status] ?? c.status}. No money was taken.`;
    outcome.dataset['kind'] = 'failed';
    outcome.hidden = false;
  }
  byId('restart').hidden = !(c.terminal && (!c.paid || c.receipt || c.receiptStatus === 'FAILED'));
  // Unpaid: the cart is still the shopper's, to pay again (a rejection in the wallet is not an empty cart).
  byId('back-to-cart').hidden = !(c.terminal && !c.paid);
  if (c.paid && orderTimer === undefined) watchOrder(60);
}

/** A shop that places the order itself once paid (Medusa): say so when it has. */
function watchOrder(triesLeft: number): void {
  const check = backend.orderPlaced;
  if (!check || triesLeft <= 0) return;
  orderTimer = setTimeout(async () => {
    const placed = await check().catch(() => undefined);
    if (!placed) return watchOrder(triesLeft - 1);
    const node = byId('order-placed');
    node.textContent = placed;
    node.hidden = false;
  }, 1000);
}

function schedulePoll(delayMs: number): void {
  clearTimeout(pollTimer);
  if (delayMs <= 0 || !current) return;
  pollTimer = setTimeout(async () => {
    if (!current) return;
    try {
      const c = await backend.getCheckout(current.id, current.token);
      renderCheckout(c);
      schedulePoll(c.pollAfterMs);
    } catch (e) {
      // A retryable error (a service briefly down) only delays the next poll.
      const retry =
        e instanceof ApiError &&
        (e.code === 'SERVICE_UNAVAILABLE' || e.code === 'RATE_LIMITED' || e.code === 'NETWORK');
      if (retry) schedulePoll(2000);
      else showError((e as Error).message);
    }
  }, delayMs);
}

async function pay(): Promise<void> {
  showError(undefined);
  byId<HTMLButtonElement>('pay').disabled = true;
  try {
    const { token, checkout } = await backend.startCheckout();
    current = { id: checkout.id, token };
    byId<HTMLImageElement>('qr').src = await QRCode.toDataURL(checkout.qrPayload, { margin: 2, width: 240 });
    byId('qr-payload').textContent = checkout.qrPayload;
    const sim = new URL(__SIMULATOR_URL__);
    sim.searchParams.set('code', checkout.qrPayload); // opening the link is the customer's scan
    byId<HTMLAnchorElement>('simulator-link').href = sim.toString();
    byId('checkout').hidden = false;
    byId('shop').hidden = true;
    byId('cart-panel').hidden = true;
    renderCheckout(checkout);
    schedulePoll(checkout.pollAfterMs);
  } catch (e) {
    showError((e as Error).message);
    renderCart();
  }
}

function leaveCheckout(): void {
  clearTimeout(pollTimer);
  clearTimeout(orderTimer);
  orderTimer = undefined;
  current = undefined;
  for (const id of ['checkout', 'receipt', 'outcome', 'restart', 'back-to-cart', 'order-placed'])
    byId(id).hidden = true;
  // The last checkout's QR and status must not show while the next one starts.
  byId<HTMLImageElement>('qr').removeAttribute('src');
  byId('qr-payload').textContent = '';
  byId('status').dataset['status'] = '';
  byId('shop').hidden = false;
  byId('cart-panel').hidden = false;
}

byId('pay').addEventListener('click', () => void pay());
byId('restart').addEventListener('click', () => {
  leaveCheckout();
  void changeCart(() => backend.clear());
});
byId('back-to-cart').addEventListener('click', () => {
  leaveCheckout();
  void changeCart(() => backend.cart());
});
byId('cancel').addEventListener('click', async () => {
  if (!current) return;
  try {
    renderCheckout(await backend.cancelCheckout(current.id, current.token));
    schedulePoll(0);
  } catch (e) {
    showError((e as Error).message);
  }
});

backend
  .listProducts()
  .then((list) => {
    products = list;
    renderProducts();
    // A Vendure session or Medusa cart kept from an earlier visit still has its lines.
    return changeCart(() => backend.cart());
  })
  .catch((e: unknown) => showError(`Could not load products: ${(e as Error).message}`));
