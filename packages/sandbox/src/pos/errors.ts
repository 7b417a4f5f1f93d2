import type { SandboxResponse } from '../contract.ts';

/** A POS error answer `{message, errors?}` (Laravel-like, spec §3.6). */
export function posError(
  status: number,
  message: string,
  errors?: Record<string, string[]>,
): SandboxResponse {
  return { status, body: errors === undefined ? { message } : { message, errors } };
}

export const posNotFound = (what: string) => posError(404, `${what} not found.`);
export const posForbidden = (what: string) => posError(403, `This ${what} belongs to another merchant.`);
export const posValidation = (errors: Record<string, string[]>) =>
  posError(422, 'The given data was invalid.', errors);

export function isResponse(v: unknown): v is SandboxResponse {
  return (
    typeof v === 'object' &&
    v !== null &&
    'status' in v &&
    'body' in v &&
    typeof (v as { status: unknown }).status === 'number'
  );
}
