import type { SandboxResponse } from '../contract.ts';

/** A Wallet error answer `{error, error_description}` with the spec's status (§2.7). */
export function walletError(
  status: number,
  error: string,
  description: string,
  properties?: Record<string, string[]>,
): SandboxResponse {
  const body: Record<string, unknown> = { error, error_description: description };
  if (properties !== undefined) body['error_properties'] = properties;
  return { status, body };
}

export const notFound = (what: string): SandboxResponse => walletError(404, 'not_found', `${what} not found`);
export const invalidState = (description: string): SandboxResponse =>
  walletError(409, 'invalid_state', description);
export const invalidParameters = (
  description: string,
  properties?: Record<string, string[]>,
): SandboxResponse => walletError(400, 'invalid_parameters', description, properties);
