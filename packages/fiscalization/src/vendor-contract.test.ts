import { isJsonDecimal, parseJsonLossless, type ReceiptRequestInput } from '@tillkit/models';
import { type Sandbox, startSandbox } from '@tillkit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFiscalClient, type FiscalClient } from './client.ts';
import { buildSpecialReceipt } from './receipt/builder.ts';

// The client against what fiskaltrust's contract lets a server send and a POS send: signatures with
// "Data": null (ifPOS v2 SignatureItem; a DE daily closing has nine), and .NET decimals no double holds.

let sandbox: Sandbox;
let client: FiscalClient;
let cashBoxId: string;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  const box = sandbox.control.fiskaltrust.createCashBox({ country: 'DE', started: true });
  cashBoxId = box.cashBoxId;
  client = createFiscalClient({
    baseUrl: sandbox.url,
    cashBoxId,
    accessToken: box.accessToken,
    timeoutMs: 2000,
    retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 5 },
  });
});
afterAll(() => sandbox.close());

const signs = () => sandbox.control.count('POST /v2/sign');

describe('FiscalClient and the fiskaltrust contract', () => {
  it('returns a DE daily closing as signed although some of its signatures carry Data null, once', async () => {
    const before = signs();
    const closing = buildSpecialReceipt(
      'daily-closing',
      { reference: 'CLOSE-1', moment: '2026-11-23T22:00:00Z' },
      { country: 'DE', cashBoxId },
    );
    const result = await client.sign(closing);
    expect(result.state.outcome).toBe('ok');
    expect(result.response.ftSignatures.some((s) => s.Data === null)).toBe(true);
    expect(signs() - before).toBe(1);
  });

  it('signs what the contract allows a POS to leave out: item cases, a Description, a journal range', async () => {
    const request = {
      ftCashBoxID: cashBoxId,
      cbReceiptReference: 'LOOSE-1',
      cbReceiptMoment: '2026-11-23T10:00:00Z',
      ftReceiptCase: 0x4445_2000_0000_0001n,
      cbChargeItems: [{ Quantity: 1, Description: '', Amount: 7, VATRate: 7 }],
      cbPayItems: [{ Description: 'Bar', Amount: 7 }],
    } as ReceiptRequestInput;
    expect((await client.sign(request)).state.outcome).toBe('ok');
    // A legacy v0 DE POS receipt passes through the client and the queue unmapped.
    const legacy = { ...request, cbReceiptReference: 'LEGACY-1', ftReceiptCase: 0x4445_0000_0000_0001n };
    expect((await client.sign(legacy)).state.outcome).toBe('ok');
    const journal = (await client.journal({ type: 2 })) as Array<{ cbReceiptReference: string }>;
    expect(journal.map((e) => e.cbReceiptReference)).toEqual(expect.arrayContaining(['LOOSE-1', 'LEGACY-1']));
  });

  it('sends a .NET decimal it was given (28 digits) byte for byte, and the sandbox signs it', async () => {
    const parsed = parseJsonLossless(
      '{"VATAmount":-0.4363636363636363636363636364,"Amount":-4.80000000000000000000000000}',
    ) as { VATAmount: unknown; Amount: number };
    expect(isJsonDecimal(parsed.VATAmount)).toBe(true);
    const request = {
      ftCashBoxID: cashBoxId,
      cbReceiptReference: 'VOID-1',
      cbReceiptMoment: '2026-11-23T10:00:00Z',
      ftReceiptCase: 0x4445_2000_0004_0001n,
      cbPreviousReceiptReference: 'R-1',
      cbChargeItems: [
        {
          Quantity: -1,
          Description: 'Bier',
          Amount: parsed.Amount,
          VATRate: 10,
          ftChargeItemCase: 0x4445_2000_0000_0013n,
          VATAmount: parsed.VATAmount,
        },
      ],
      cbPayItems: [{ Description: 'Bar', Amount: -4.8, ftPayItemCase: 0x4445_2000_0000_0001n }],
    } as ReceiptRequestInput;
    const result = await client.sign(request);
    expect(result.state.outcome).toBe('ok');
    const stored = sandbox.control.fiskaltrust
      .journal(cashBoxId)
      .queueItems.find((q) => q.cbReceiptReference === 'VOID-1');
    expect(stored?.request).toContain('"VATAmount":-0.4363636363636363636363636364');
  });
});
