import { timingSafeEqual } from 'node:crypto';
import type { SandboxRequest, SandboxResponse } from '../contract.ts';
import { problem, UNAUTHORIZED } from './problem.ts';
import type { CashBoxRecord, FiskaltrustStorage } from './storage.ts';

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a GUID in its canonical 8-4-4-4-12 form (what .NET's Guid.Parse accepts in practice). */
export function isGuid(value: string): boolean {
  return guid.test(value);
}

/** The CashBox a request's `x-cashbox-id` / `x-cashbox-accesstoken` name, or the documented 401. */
export function authenticate(
  req: SandboxRequest,
  storage: FiskaltrustStorage,
): CashBoxRecord | SandboxResponse {
  const id = req.headers['x-cashbox-id'];
  const token = req.headers['x-cashbox-accesstoken'];
  if (id === undefined || token === undefined || !isGuid(id)) return UNAUTHORIZED;
  const cashBox = storage.cashBox(id);
  if (cashBox === undefined || !sameSecret(token, cashBox.accessToken)) return UNAUTHORIZED;
  return cashBox;
}

/** The request's `x-operation-id`, or a 400 when it is missing or not a UUID. */
export function operationIdOf(req: SandboxRequest): string | SandboxResponse {
  const id = req.headers['x-operation-id'];
  if (id === undefined || id === '') return problem(400, 'The required header x-operation-id was not sent.');
  if (!isGuid(id)) return problem(400, 'The header x-operation-id must be a UUID.');
  return id;
}

// Constant-time for equal lengths; a token's length is no secret worth a hash per request here.
function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
