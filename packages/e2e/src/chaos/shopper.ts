import type { CheckoutService, PaymentAttempt } from '@tillkit/checkout';
import type { Sandbox } from '@tillkit/sandbox';

// One shopper per payment, as a storefront and a customer would act: the shop starts an attempt, the
// customer scans the table's QR and then pays, declines, fails, walks away, or the shop cancels (before
// the scan, after the order shows, or racing the customer's accept).

export const behaviours = [
  'accept',
  'reject',
  'fail',
  'no-show',
  'scan-and-leave',
  'cancel-before-scan',
  'cancel-then-accept',
  'accept-then-cancel',
] as const;
export type Behaviour = (typeof behaviours)[number];

// Weights: mostly paid, every unpaid end and every cancel race present in any run of a few dozen.
const weights: Record<Behaviour, number> = {
  accept: 45,
  reject: 8,
  fail: 5,
  'no-show': 6,
  'scan-and-leave': 6,
  'cancel-before-scan': 10,
  'cancel-then-accept': 10,
  'accept-then-cancel': 10,
};

export function pickBehaviour(random: () => number): Behaviour {
  let r = random() * Object.values(weights).reduce((a, b) => a + b, 0);
  for (const b of behaviours) {
    r -= weights[b];
    if (r < 0) return b;
  }
  return 'accept';
}

const unpaid = new Set(['cancelled', 'expired', 'rejected', 'failed']);

/** An attempt in a final state: confirmed with its receipt signed, or an unpaid end. */
export function isFinal(a: PaymentAttempt | undefined): boolean {
  return a !== undefined && ((a.status === 'confirmed' && a.receipt === 'signed') || unpaid.has(a.status));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface ShopperContext {
  sandbox: Sandbox;
  web: CheckoutService;
  random: () => number;
  /** Wall-clock ms by which the shopper gives up waiting (the audit then counts what is left). */
  deadline: number;
}

/** Polls `check` every `everyMs` until it holds or the deadline passes. */
async function until(ctx: ShopperContext, check: () => Promise<boolean> | boolean, everyMs = 100) {
  while (Date.now() < ctx.deadline) {
    if (await check()) return true;
    await sleep(everyMs);
  }
  return false;
}

async function startAttempt(ctx: ShopperContext, orderRef: string): Promise<PaymentAttempt | undefined> {
  const cents = 500 + Math.floor(ctx.random() * 5000);
  let started: PaymentAttempt | undefined;
  // Every spot taken (CONFLICT no_free_spot) clears as other attempts end: try again until the deadline.
  await until(
    ctx,
    async () => {
      started = await ctx.web
        .start({
          orderRef,
          amount: { amount: cents, currency: 'EUR' },
          description: `Chaos ${orderRef}`,
          order: {
            lines: [
              { description: 'Coffee', quantity: 2, unitPrice: 250, vatRate: 10 },
              { description: 'Cake', quantity: 1, unitPrice: cents - 500, vatRate: 20 },
            ],
          },
        })
        .catch(() => undefined);
      return started !== undefined;
    },
    200,
  );
  return started;
}

/** Runs one payment; returns the attempt id (undefined if it never started). */
export async function shop(ctx: ShopperContext, orderRef: string, behaviour: Behaviour) {
  const a = await startAttempt(ctx, orderRef);
  if (!a) return undefined;
  const { sandbox, web } = ctx;
  const spotId = sandbox.credentials.wallet.spots.find((s) => s.code === a.qrPayload)?.id;
  if (spotId === undefined) throw new Error(`no seeded spot for ${a.qrPayload}`);
  const cancel = () => web.cancel(a.id).catch(() => undefined); // INVALID_STATE: the payment won
  const status = async () => (await web.get(a.id))?.status;
  if (behaviour === 'cancel-before-scan') await cancel();
  else if (behaviour !== 'no-show') {
    // Think time, then scan; the scan works once the spot is free for this attempt.
    await sleep(ctx.random() * 400);
    await until(ctx, () => sandbox.control.wallet.scan(a.qrPayload).ok);
    if (behaviour !== 'scan-and-leave') {
      const attached = await until(ctx, async () => (await status()) !== 'awaiting_scan');
      if (attached && (await status()) === 'order_attached') await decide(ctx, a.id, spotId, behaviour);
    }
  }
  await until(ctx, async () => isFinal(await web.get(a.id)), 250);
  return a.id;
}

async function decide(ctx: ShopperContext, attemptId: string, spotId: number, behaviour: Behaviour) {
  const customer = ctx.sandbox.control.wallet;
  const cancel = () => ctx.web.cancel(attemptId).catch(() => undefined);
  await sleep(ctx.random() * 300);
  switch (behaviour) {
    case 'accept':
      customer.accept(spotId);
      return;
    case 'reject':
      customer.reject(spotId);
      return;
    case 'fail':
      customer.fail(spotId);
      return;
    case 'cancel-then-accept':
      await cancel();
      customer.accept(spotId);
      return;
    case 'accept-then-cancel':
      customer.accept(spotId);
      await sleep(ctx.random() * 200);
      await cancel();
      return;
    default:
      return;
  }
}
