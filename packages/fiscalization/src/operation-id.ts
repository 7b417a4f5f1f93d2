import { createHash, randomUUID } from 'node:crypto';

// A fixed namespace so the same (order, purpose) gives the same id in every process and release.
// Changing it would let a restarted process sign a receipt a second time under a new id.
const NAMESPACE = Buffer.from('8f2c1c6e4b7a4d1e9a3f5b0c2d4e6f70', 'hex');

/**
 * The deterministic `x-operation-id` for one side effect of one order (RFC 9562 UUID v5: SHA-1 of a
 * namespace and the name). A retry, a restarted process or a second worker derives the same id, so
 * fiskaltrust replays the stored result instead of signing twice.
 *
 * @example operationIdFor('order_123', 'sign') // always the same UUID
 */
export function operationIdFor(orderId: string, purpose: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(`${purpose}\u0000${orderId}`, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A fresh random operation id, for operations with no natural key (echo, journal reads). */
export function newOperationId(): string {
  return randomUUID();
}
