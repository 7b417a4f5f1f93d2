import { type ExecutionResult, parse, subscribe } from 'graphql/index.js';
import { describe, expect, it } from 'vitest';
import { makeSchema } from './make-schema.ts';
import { checkoutTokenFor } from './secrets.ts';
import { fakeServices } from './testing/doubles.ts';
import { checkoutTokenSecret, codes, merchantApiKey } from './testing/harness.ts';

const WATCH = parse(
  'subscription W($id: TillKitCheckoutId!, $token: TillKitCheckoutToken!) { tillkitCheckoutStatus(id: $id, token: $token) { status paid receiptPending receipt { receiptId } } }',
);

async function setup() {
  const services = fakeServices();
  const unexpected: unknown[] = [];
  const schema = makeSchema(services, {
    merchantApiKey,
    checkoutTokenSecret,
    pollIntervalMs: 100,
    onUnexpectedError: (e) => unexpected.push(e),
  });
  const priced = await services.orders.price({ lines: [{ productId: 'mug', quantity: 1 }] });
  const view = await services.checkout.start({ ...priced, description: 'watch' });
  const watch = (token: string) =>
    subscribe({ schema, document: WATCH, variableValues: { id: view.id, token }, contextValue: {} });
  return { services, view, token: checkoutTokenFor(view.id, checkoutTokenSecret), watch, unexpected };
}

describe('Subscription.checkout', () => {
  it('pushes the checkout now and on each change, then ends once the receipt is signed', async () => {
    const t = await setup();
    const stream = (await t.watch(t.token)) as AsyncGenerator<ExecutionResult>;
    const seen: unknown[] = [];
    for await (const event of stream) {
      const c = event.data?.['tillkitCheckoutStatus'] as { status: string; receiptPending: boolean };
      seen.push(event.data?.['tillkitCheckoutStatus']);
      // Play the engine and the fiscal service as each state is seen.
      if (c.status === 'AWAITING_SCAN') t.services.checkout.set(t.view.id, 'order_attached');
      else if (c.status === 'ORDER_ATTACHED') t.services.checkout.set(t.view.id, 'confirmed');
      else if (c.receiptPending) t.services.checkout.sign(t.view.id, 'R-W');
    }
    expect(seen).toEqual([
      { status: 'AWAITING_SCAN', paid: false, receiptPending: false, receipt: null },
      { status: 'ORDER_ATTACHED', paid: false, receiptPending: false, receipt: null },
      { status: 'CONFIRMED', paid: true, receiptPending: true, receipt: null },
      { status: 'CONFIRMED', paid: true, receiptPending: false, receipt: { receiptId: 'R-W' } },
    ]);
  });

  it("refuses another checkout's token before any event is sent", async () => {
    const t = await setup();
    const other = await t.services.checkout.start({
      ...(await t.services.orders.price({ lines: [{ productId: 'book', quantity: 1 }] })),
      description: 'x',
    });
    const result = (await t.watch(checkoutTokenFor(other.id, checkoutTokenSecret))) as ExecutionResult;
    expect(codes(result)).toEqual(['NOT_FOUND']);
  });

  it('ends right after the first event for a checkout that is already settled', async () => {
    const t = await setup();
    t.services.checkout.set(t.view.id, 'rejected');
    const events: unknown[] = [];
    for await (const e of (await t.watch(t.token)) as AsyncGenerator<ExecutionResult>)
      events.push(e.data?.['tillkitCheckoutStatus']);
    expect(events).toEqual([{ status: 'REJECTED', paid: false, receiptPending: false, receipt: null }]);
  });
});
