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
  mutation Start($input: TillKitStartCheckoutInput!) {
    tillkitStartCheckout(input: $input) {
      token
      checkout { id orderRef status paid terminal pollAfterMs qrPayload spotCode receiptStatus amount { amount currency formatted } }
    }
  }
`;

export const CHECKOUT = /* GraphQL */ `
  query Checkout($id: TillKitCheckoutId!, $token: TillKitCheckoutToken!) {
    tillkitCheckout(id: $id, token: $token) {
      id status paid terminal pollAfterMs receiptPending receiptStatus
      receipt { kind receiptId total { amount currency } signatures { caption data } printable }
      receiptFailure { code message }
    }
  }
`;

/** Starts a checkout for one coffee and one mug and returns its id and token. */
export async function startOne(h: Harness): Promise<{ id: string; token: string; orderRef: string }> {
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
    r.data as { tillkitStartCheckout: { token: string; checkout: { id: string; orderRef: string } } }
  ).tillkitStartCheckout;
  return { id: payload.checkout.id, token: payload.token, orderRef: payload.checkout.orderRef };
}
