import { TillKitError } from '@tillkit/models';

/** A fiskaltrust CashBox identity for the POS System API v2. */
export interface FiskaltrustCredentials {
  cashBoxId: string;
  accessToken: string;
  /** Portal-registered POS System id (the sandbox accepts the all-zero GUID). */
  posSystemId?: string;
  terminalId?: string;
}

/**
 * The CashBox headers every POS System API call carries. `x-operation-id` is not here: it belongs to
 * each operation (idempotency), not to the credentials.
 *
 * @example fiskaltrustHeaders({ cashBoxId, accessToken }) // { 'x-cashbox-id': …, 'x-cashbox-accesstoken': … }
 */
export function fiskaltrustHeaders(c: FiskaltrustCredentials): Record<string, string> {
  const headers: Record<string, string> = {
    'x-cashbox-id': headerValue('cashBoxId', c.cashBoxId),
    'x-cashbox-accesstoken': headerValue('accessToken', c.accessToken),
  };
  if (c.posSystemId !== undefined) headers['x-possystem-id'] = headerValue('posSystemId', c.posSystemId);
  if (c.terminalId !== undefined) headers['x-terminal-id'] = headerValue('terminalId', c.terminalId);
  return headers;
}

function headerValue(field: string, value: string): string {
  // Visible ASCII only: a newline would split the header, and the message must never echo a token.
  if (!/^[\x21-\x7e]+$/.test(value)) {
    throw new TillKitError('INVALID_CONFIG', `fiskaltrust ${field} is empty or not visible ASCII`, {
      issues: [{ path: field, message: 'must be non-empty visible ASCII' }],
    });
  }
  return value;
}
