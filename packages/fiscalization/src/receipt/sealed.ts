import type { ReceiptRequestInput } from '@tillkit/models';

// Requests the builder produced: valid by construction (the property tests in builder.test.ts prove
// every built request passes ReceiptRequest and serialises to the same bytes as its parsed form), and
// frozen, so nobody can make one invalid afterwards. Signing skips re-validating them.
const sealed = new WeakSet<object>();

/** Deep-freezes a request the builder just made and remembers it as already validated. */
export function sealReceiptRequest(request: ReceiptRequestInput): ReceiptRequestInput {
  deepFreeze(request);
  sealed.add(request);
  return request;
}

/** True for a request {@link sealReceiptRequest} sealed (so it is still exactly as built). */
export function isSealedReceiptRequest(request: unknown): boolean {
  return typeof request === 'object' && request !== null && sealed.has(request);
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  for (const inner of Object.values(value)) deepFreeze(inner);
  Object.freeze(value);
}
