import { isTillKitError } from '@tillkit/models';
import { z } from 'zod';
import type { SandboxResponse } from './contract.ts';
import type { ControlExtension } from './control/control-api.ts';
import type { FiskaltrustEmulator } from './fiskaltrust/index.ts';
import { parseJsonBody } from './shared/body.ts';

/** The fiskaltrust emulator's control methods, as `control.fiskaltrust` exposes them. */
export type FiskaltrustControl = Pick<
  FiskaltrustEmulator,
  'createCashBox' | 'setState' | 'pairingPin' | 'journal'
>;

const CreateCashBoxBody = z.object({
  cashBoxId: z.string().optional(),
  accessToken: z.string().optional(),
  country: z.enum(['AT', 'DE', 'IT']),
  started: z.boolean().optional(),
  posSystemId: z.string().optional(),
});
const StateBody = z
  .object({
    scuFailed: z.boolean(),
    lateSigning: z.boolean(),
    messagePending: z.boolean(),
    dailyClosingDue: z.boolean(),
    monthlyClosingDue: z.boolean(),
    yearlyClosingDue: z.boolean(),
    failReceipts: z.boolean(),
    processingDelayMs: z.number().int().min(0).max(120_000),
  })
  .partial();

/**
 * `/_sandbox/fiskaltrust/…` control routes over the emulator's control methods:
 * `POST cashboxes` (create), `GET cashboxes/{id}/journal`, `PATCH cashboxes/{id}/state`, `GET cashboxes/{id}/pin`.
 */
export function fiskaltrustControlRoutes(ft: FiskaltrustControl): ControlExtension {
  return (method, parts, body) => {
    const [a, id, what] = parts;
    if (a !== 'cashboxes') return undefined;
    try {
      if (parts.length === 1 && method === 'POST') {
        const parsed = parseJsonBody(body, CreateCashBoxBody);
        if (!parsed.ok)
          return invalid(parsed.kind === 'malformed' ? { body: [parsed.message] } : parsed.errors);
        const input = Object.fromEntries(
          Object.entries(parsed.value).filter(([, v]) => v !== undefined),
        ) as unknown as Parameters<FiskaltrustControl['createCashBox']>[0];
        return { status: 201, body: ft.createCashBox(input) };
      }
      if (id === undefined || parts.length !== 3) return undefined;
      if (what === 'journal' && method === 'GET') return { status: 200, body: ft.journal(id) };
      if (what === 'pin' && method === 'GET') return { status: 200, body: { pin: ft.pairingPin(id) } };
      if (what === 'state' && method === 'PATCH') {
        const parsed = parseJsonBody(body, StateBody);
        if (!parsed.ok)
          return invalid(parsed.kind === 'malformed' ? { body: [parsed.message] } : parsed.errors);
        const faults = Object.fromEntries(Object.entries(parsed.value).filter(([, v]) => v !== undefined));
        return { status: 200, body: ft.setState(id, faults) };
      }
      return undefined;
    } catch (error) {
      if (isTillKitError(error))
        return { status: error.status, body: { error: error.code.toLowerCase(), message: error.message } };
      throw error;
    }
  };
}

function invalid(errors: Record<string, string[]>): SandboxResponse {
  return { status: 400, body: { error: 'invalid_parameters', message: 'Invalid request', errors } };
}
