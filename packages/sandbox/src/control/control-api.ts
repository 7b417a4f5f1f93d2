import { z } from 'zod';
import type { Emulator, SandboxResponse } from '../contract.ts';
import { FaultSpec, type FaultTable } from '../core/faults.ts';
import type { RequestCounter } from '../core/stats.ts';
import { parseJsonBody, segments } from '../shared/body.ts';
import type { WalletCallbacks } from '../wallet/callbacks.ts';
import type { CustomerResult, WalletCustomer } from '../wallet/customer.ts';
import type { TransactionLedger, WalletLedger } from '../wallet/ledger.ts';

export const CONTROL_PREFIX = '/_sandbox';

/** The Wallet emulator's money book (confirms, revokes, payment cancels and finalizes, amounts). */
export interface WalletLedgerControl {
  totals(): WalletLedger;
  transaction(key: string): TransactionLedger | undefined;
}

/** Extra control routes another emulator contributes under `/_sandbox/<name>/…` (e.g. fiskaltrust). */
export type ControlExtension = (method: string, parts: string[], body: Buffer) => SandboxResponse | undefined;

interface ControlDeps {
  faults: FaultTable;
  counter: RequestCounter;
  customer: WalletCustomer;
  ledger: WalletLedgerControl;
  callbacks: WalletCallbacks;
  extensions: Record<string, ControlExtension>;
}

// One fault or a list; the branch is picked by shape so field errors name the fault's fields, not the union.
const FaultBody = z.unknown().transform((v, c) => {
  const result = (Array.isArray(v) ? z.array(FaultSpec) : FaultSpec).safeParse(v);
  if (!result.success)
    for (const issue of result.error.issues)
      c.addIssue({ ...issue, code: 'custom', path: issue.path, message: issue.message });
  return result.success ? result.data : z.NEVER;
});
const ScanBody = z.object({ code: z.string().min(1) });
const Ms = z.number().int().min(0).max(600_000);
const CallbackSettings = z.strictObject({
  drop: z.boolean().optional(),
  dropNext: z.number().int().min(0).optional(),
  delayMs: Ms.optional(),
  retries: z.number().int().min(0).max(100).optional(),
  retryDelayMs: Ms.optional(),
  timeoutMs: Ms.optional(),
  defaultUri: z.url().optional(),
});

const error = (
  status: number,
  code: string,
  message: string,
  errors?: Record<string, string[]>,
): SandboxResponse => ({
  status,
  body: errors === undefined ? { error: code, message } : { error: code, message, errors },
});

/**
 * The sandbox's own control API (`/_sandbox`, no auth: it is a local test tool): faults, request stats and
 * the customer wallet simulator. Not subject to faults or counted in stats.
 */
export function createControlEmulator(deps: ControlDeps): Emulator {
  return {
    prefix: CONTROL_PREFIX,
    handle(req) {
      const parts = segments(req.path, CONTROL_PREFIX);
      const [a, b, c, d] = parts;
      const m = req.method;
      if (a === 'faults') {
        if (parts.length === 1 && m === 'GET') return { status: 200, body: { faults: deps.faults.list() } };
        if (parts.length === 1 && m === 'POST') {
          const parsed = parseJsonBody(req.rawBody, FaultBody);
          if (!parsed.ok)
            return parsed.kind === 'malformed'
              ? error(400, 'invalid_request', parsed.message)
              : error(400, 'invalid_parameters', 'Invalid fault', parsed.errors);
          try {
            const specs = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
            return { status: 201, body: { faults: specs.map((s) => deps.faults.add(s)) } };
          } catch (e) {
            return error(400, 'invalid_parameters', e instanceof Error ? e.message : 'Invalid fault');
          }
        }
        if (parts.length === 1 && m === 'DELETE') {
          deps.faults.clear();
          return { status: 204 };
        }
        if (parts.length === 2 && m === 'DELETE')
          return deps.faults.remove(Number(b)) ? { status: 204 } : error(404, 'not_found', 'No such fault');
      }
      if (a === 'stats' && parts.length === 1) {
        if (m === 'GET') {
          const route = req.query.get('route');
          return {
            status: 200,
            body: route === null ? deps.counter.snapshot() : { route, count: deps.counter.count(route) },
          };
        }
        if (m === 'DELETE') {
          deps.counter.reset();
          return { status: 204 };
        }
      }
      if (a === 'wallet') {
        if (b === 'scan' && parts.length === 2 && m === 'POST') {
          const parsed = parseJsonBody(req.rawBody, ScanBody);
          if (!parsed.ok)
            return parsed.kind === 'malformed'
              ? error(400, 'invalid_request', parsed.message)
              : error(400, 'invalid_parameters', 'Invalid scan', parsed.errors);
          return customer(deps.customer.scan(parsed.value.code));
        }
        if (b === 'callbacks' && parts.length === 2) {
          if (m === 'GET') return { status: 200, body: { callbacks: deps.callbacks.deliveries() } };
          if (m === 'PATCH') {
            const parsed = parseJsonBody(req.rawBody, CallbackSettings);
            if (!parsed.ok)
              return parsed.kind === 'malformed'
                ? error(400, 'invalid_request', parsed.message)
                : error(400, 'invalid_parameters', 'Invalid callback settings', parsed.errors);
            const { dropNext, ...settings } = parsed.value;
            deps.callbacks.configure(settings);
            if (dropNext !== undefined) deps.callbacks.dropNext(dropNext);
            return { status: 204 };
          }
        }
        if (b === 'ledger' && m === 'GET' && parts.length === 2)
          return { status: 200, body: deps.ledger.totals() };
        if (b === 'ledger' && m === 'GET' && parts.length === 3) {
          const entry = deps.ledger.transaction(c as string);
          return entry === undefined
            ? error(404, 'not_found', 'No money moved for this transaction')
            : { status: 200, body: entry };
        }
        if (b === 'spots' && parts.length === 2 && m === 'GET')
          return { status: 200, body: { spots: deps.customer.spots() } };
        if (b === 'spots' && parts.length >= 3) {
          const id = Number(c);
          if (parts.length === 3 && m === 'GET') return customer(deps.customer.spot(id));
          if (parts.length === 4 && m === 'POST' && d === 'accept') return customer(deps.customer.accept(id));
          if (parts.length === 4 && m === 'POST' && d === 'reject') return customer(deps.customer.reject(id));
          if (parts.length === 4 && m === 'POST' && d === 'fail') return customer(deps.customer.fail(id));
        }
      }
      const extension = a === undefined ? undefined : deps.extensions[a];
      const answer = extension?.(m, parts.slice(1), req.rawBody);
      return answer ?? error(404, 'not_found', 'No such control endpoint');
    },
  };
}

function customer(result: CustomerResult): SandboxResponse {
  return result.ok ? { status: 200, body: result.spot } : error(result.status, result.error, result.message);
}
