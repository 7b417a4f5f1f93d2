import { stringifyJsonLossless } from '@tillkit/models';
import type { EmulatorContext, SandboxRequest, SandboxResponse } from '../contract.ts';
import { authenticate, isGuid, operationIdOf } from './auth.ts';
import { createCashBox, journalOf, pairingPin, setFaults } from './cashboxes.ts';
import { readJournal } from './journal.ts';
import { OperationRunner } from './operations.ts';
import { jsonText, problem } from './problem.ts';
import { asResult, echo, journalRequest, pairPin, signRequest } from './requests.ts';
import { type SignDeps, signReceipt } from './sign.ts';
import { SignatureKeys } from './signatures.ts';
import { type CashBoxRecord, FiskaltrustStorage } from './storage.ts';
import type { FiskaltrustEmulator, FiskaltrustEmulatorOptions } from './types.ts';

const PREFIX = '/v2';
// The local POS System API refuses older API versions outright instead of answering 404.
const unsupportedVersion = /^\/(?:v0|v1|json\/v\d+|xml\/v\d+)(?:\/|$)/i;

/**
 * The fiskaltrust POS System API v2 emulator: echo, sign, journal, operation items and pairing over a
 * CashBox queue kept in `ctx.store`, plus control methods to create CashBoxes and inject faults.
 * @example
 * const ft = createFiskaltrustEmulator({ store, now: () => new Date() }, {});
 * const { cashBoxId, accessToken } = ft.createCashBox({ country: 'AT', started: true });
 */
export function createFiskaltrustEmulator(
  ctx: EmulatorContext,
  options: FiskaltrustEmulatorOptions = {},
): FiskaltrustEmulator {
  const storage = new FiskaltrustStorage(ctx.store);
  const runner = new OperationRunner(storage, options.inFlightDuplicates ?? '422', ctx.now);
  const deps: SignDeps = {
    storage,
    keys: new SignatureKeys(),
    now: ctx.now,
    sandboxSignature: options.sandboxSignature ?? true,
  };

  function handle(req: SandboxRequest): SandboxResponse | Promise<SandboxResponse> {
    if (!req.path.startsWith(`${PREFIX}/`)) {
      return unsupportedVersion.test(req.path)
        ? problem(400, `The API version of ${req.path} is not supported; use /v2.`)
        : notFound();
    }
    const parts = req.path.slice(PREFIX.length + 1).split('/');
    if (parts.length > 1 && parts.at(-1) === '') parts.pop(); // `/v2/sign/` is `/v2/sign`
    const first = parts[0]?.toLowerCase();
    if (first === 'pair' && parts.length === 1) return req.method === 'POST' ? pair(req) : methodNotAllowed();

    const cashBox = authenticate(req, storage);
    if ('status' in cashBox) return cashBox;
    switch (first) {
      case 'echo':
      case 'sign':
        if (parts.length !== 1) return notFound();
        if (req.method !== 'POST') return methodNotAllowed();
        return operation(req, cashBox, first);
      case 'journal':
        if (parts.length === 1) return req.method === 'POST' ? journal(req, cashBox) : methodNotAllowed();
        if (parts.length === 3 && parts[1]?.toLowerCase() === 'operationitem')
          return get(req, () => operationItem(cashBox, parts[2] ?? ''));
        return notFound();
      case 'peekjournalitem': {
        if (parts.length < 3 || parts.length > 4 || parts[2]?.toLowerCase() !== 'operationitem')
          return notFound();
        if (parts[1]?.toLowerCase() !== cashBox.queueId.toLowerCase())
          return problem(404, 'Unknown queue for this CashBox.');
        const operationId = parts[3];
        if (operationId === undefined)
          return get(req, () => jsonText(200, JSON.stringify(storage.operations(cashBox.cashBoxId))));
        return get(req, () => operationItem(cashBox, operationId));
      }
      default:
        return notFound();
    }
  }

  function operation(
    req: SandboxRequest,
    cashBox: CashBoxRecord,
    kind: 'echo' | 'sign',
  ): SandboxResponse | Promise<SandboxResponse> {
    const operationId = operationIdOf(req);
    if (typeof operationId !== 'string') return operationId;
    const delayMs = storage.queue(cashBox.queueId)?.faults.processingDelayMs ?? 0;
    return runner.run(req, { cashBox, operationId, delayMs }, () => {
      const raw = req.rawBody.toString('utf8');
      if (kind === 'echo') return echo(raw);
      const parsed = signRequest(req, raw, cashBox);
      return parsed.ok ? signReceipt(deps, cashBox, parsed.value) : asResult(parsed.response);
    });
  }

  function journal(req: SandboxRequest, cashBox: CashBoxRecord): SandboxResponse {
    // Reading a journal changes nothing, so it is not recorded as an operation; the header is still required.
    const operationId = operationIdOf(req);
    if (typeof operationId !== 'string') return operationId;
    const parsed = journalRequest(req.rawBody.toString('utf8'));
    return parsed.ok ? readJournal(storage, cashBox, parsed.value) : parsed.response;
  }

  function operationItem(cashBox: CashBoxRecord, operationId: string): SandboxResponse {
    const item = isGuid(operationId) ? runner.item(cashBox.cashBoxId, operationId) : undefined;
    return item === undefined
      ? problem(404, `No operation ${operationId} is known for this CashBox.`)
      : jsonText(200, stringifyJsonLossless(item));
  }

  function pair(req: SandboxRequest): SandboxResponse {
    const pin = pairPin(req.rawBody.toString('utf8'));
    if (!pin.ok) return pin.response;
    const cashBoxId = storage.cashBoxIdForPin(pin.value);
    const cashBox = cashBoxId === undefined ? undefined : storage.cashBox(cashBoxId);
    if (cashBox === undefined) return problem(404, 'The PIN does not belong to any CashBox.');
    return jsonText(200, JSON.stringify({ CashBoxId: cashBox.cashBoxId, AccessToken: cashBox.accessToken }));
  }

  return {
    prefix: PREFIX,
    handle,
    createCashBox: (input) => createCashBox(storage, input),
    setState: (cashBoxId, faults) => setFaults(storage, cashBoxId, faults),
    pairingPin: (cashBoxId) => pairingPin(storage, cashBoxId),
    journal: (cashBoxId) => journalOf(storage, cashBoxId),
  };
}

function get(req: SandboxRequest, answer: () => SandboxResponse): SandboxResponse {
  return req.method === 'GET' ? answer() : methodNotAllowed();
}

function notFound(): SandboxResponse {
  return problem(404, 'No such endpoint in the POS System API v2.');
}

function methodNotAllowed(): SandboxResponse {
  return problem(405, 'This endpoint does not accept that HTTP method.');
}
