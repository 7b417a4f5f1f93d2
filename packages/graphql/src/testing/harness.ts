import type { ExecutionResult } from 'graphql/index.js';
import { makeSchema } from '../make-schema.ts';
import { createOperationRunner } from '../run-operation.ts';
import { type FakeServices, fakeServices } from './doubles.ts';

export const merchantApiKey = 'mk_test_0123456789abcdef';
export const checkoutTokenSecret = 'test-secret-0123456789abcdef-0123456789';

export interface Harness {
  services: FakeServices;
  unexpected: unknown[];
  /** Runs an operation as a shopper (no merchant key) or with the given key. */
  run(query: string, variables?: Record<string, unknown>, merchantKey?: string): Promise<ExecutionResult>;
}

export function harness(): Harness {
  const services = fakeServices();
  const unexpected: unknown[] = [];
  const schema = makeSchema(services, {
    merchantApiKey,
    checkoutTokenSecret,
    onUnexpectedError: (e) => unexpected.push(e),
  });
  const runner = createOperationRunner(schema);
  return {
    services,
    unexpected,
    run: (query, variables, merchantKey) =>
      runner({ query, variables, context: merchantKey === undefined ? {} : { merchantApiKey: merchantKey } }),
  };
}

/** The codes of a result's errors, in order. */
export function codes(result: ExecutionResult): unknown[] {
  return (result.errors ?? []).map((e) => e.extensions['code']);
}

export const START = /* GraphQL */ `
  mutation Start($input: StartCheckoutInput!) {
    startCheckout(input: $input) {
      token
      checkout { id status paid terminal pollAfterMs qrPayload spotCode amount { amount currency formatted } order { id total { amount } lines { productId quantity total { amount } } } }
    }
  }
`;

export const CHECKOUT = /* GraphQL */ `
  query Checkout($id: CheckoutId!, $token: CheckoutToken!) {
    checkout(id: $id, token: $token) {
      id status paid terminal pollAfterMs receiptPending
      receipt { receiptId orderId total { amount currency } signatures { caption data } printable }
    }
  }
`;

/** Starts a checkout for one coffee and one mug and returns its id and token. */
export async function startOne(h: Harness): Promise<{ id: string; token: string; orderId: string }> {
  const r = await h.run(START, {
    input: {
      lines: [
        { productId: 'coffee', quantity: 1 },
        { productId: 'mug', quantity: 1 },
      ],
    },
  });
  if (r.errors) throw new Error(`start failed: ${r.errors.map((e) => e.message).join('; ')}`);
  const payload = (
    r.data as { startCheckout: { token: string; checkout: { id: string; order: { id: string } } } }
  ).startCheckout;
  return { id: payload.checkout.id, token: payload.token, orderId: payload.checkout.order.id };
}
