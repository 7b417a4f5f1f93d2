import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ids } from '../../test/fixtures/valid.ts';
import { isJsonDecimal, parseJsonLossless, stringifyJsonLossless } from '../json.ts';
import { parseOrThrow } from '../parse.ts';
import { JournalRequest, ReceiptJournalEntry } from './api.ts';
import { lowWord, STATE_ERROR } from './codes.ts';
import { FtAmount, ReceiptRequest, ReceiptResponse } from './receipt.ts';

const UINT64_MAX = (1n << 64n) - 1n;
const ERROR_STATE = 0x4154_2000_eeee_eeeen;

/** A ReceiptResponse exactly as the wire writes it: codes as bare JSON integers. */
function responseText(ftState: bigint, signatureType: bigint): string {
  return `{"ftQueueID":"${ids.QUEUE}","ftQueueItemID":"${ids.QUEUE_ITEM}","ftQueueRow":7,"cbReceiptReference":"R-1","ftCashBoxIdentification":"CB1","ftReceiptIdentification":"ft7#1","ftReceiptMoment":"2025-01-01T10:00:01Z","ftSignatures":[{"ftSignatureFormat":3,"ftSignatureType":${signatureType},"Data":"x"}],"ftState":${ftState}}`;
}

describe('64-bit fiskaltrust codes through JSON', () => {
  it('reads ftState 0x4154_2000_EEEE_EEEE exactly from raw text, where JSON.parse does not', () => {
    const text = responseText(ERROR_STATE, 0x4154_2000_0000_0001n);
    const naive = JSON.parse(text) as { ftState: number };
    expect(BigInt(naive.ftState)).not.toBe(ERROR_STATE);
    expect(lowWord(BigInt(naive.ftState))).not.toBe(STATE_ERROR);

    const response = parseOrThrow(
      ReceiptResponse,
      parseJsonLossless(text),
      'receipt response',
      'INVALID_RESPONSE',
    );
    expect(response.ftState).toBe(ERROR_STATE);
    expect(lowWord(response.ftState)).toBe(STATE_ERROR);
    expect(response.ftSignatures[0]?.ftSignatureType).toBe(0x4154_2000_0000_0001n);
  });

  it('writes the parsed response back to the same text, byte for byte', () => {
    const text = responseText(ERROR_STATE, 0x4154_2000_0000_3001n);
    const response = parseOrThrow(ReceiptResponse, parseJsonLossless(text), 'receipt response');
    // Small codes were widened to bigint by the schema; they still serialise as plain integers.
    expect(stringifyJsonLossless(response)).toBe(text);
  });

  it('round-trips every uint64 code value through text, schema and text again', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: UINT64_MAX }),
        fc.bigInt({ min: 0n, max: UINT64_MAX }),
        (state, type) => {
          const text = responseText(state, type);
          const response = parseOrThrow(ReceiptResponse, parseJsonLossless(text), 'receipt response');
          expect(response.ftState).toBe(state);
          expect(response.ftSignatures[0]?.ftSignatureType).toBe(type);
          expect(stringifyJsonLossless(response)).toBe(text);
        },
      ),
    );
  });

  it('sends a ReceiptRequest whose case survives the receiving side exactly', () => {
    const request = parseOrThrow(
      ReceiptRequest,
      {
        cbReceiptReference: 'R-1',
        cbReceiptMoment: '2025-01-01T10:00:00Z',
        cbChargeItems: [
          {
            Quantity: 1,
            Description: 'Tea',
            Amount: 1234567.89,
            VATRate: 20,
            ftChargeItemCase: 0x4154_2000_0000_0013n,
          },
        ],
        cbPayItems: [{ Description: 'Card', Amount: 1234567.89, ftPayItemCase: 0x4154_2000_0000_0005n }],
        ftReceiptCase: 0x4154_2000_8000_0001n,
      },
      'receipt request',
    );
    const text = stringifyJsonLossless(request);
    expect(text).toMatch(/"ftReceiptCase":4707422697028583425[,}]/); // 0x4154_2000_8000_0001, a bare number
    expect(parseOrThrow(ReceiptRequest, parseJsonLossless(text), 'receipt request').ftReceiptCase).toBe(
      0x4154_2000_8000_0001n,
    );
  });

  it('keeps .NET tick timestamps of journals exact', () => {
    const ticks = 638_712_000_011_234_567n;
    const entry = parseOrThrow(
      ReceiptJournalEntry,
      parseJsonLossless(
        `{"ftReceiptJournalId":"${ids.OPERATION}","ftQueueId":"${ids.QUEUE}","ftQueueItemId":"${ids.QUEUE_ITEM}","ftReceiptNumber":1,"ftReceiptMoment":"m","ftReceiptTotal":1.5,"ftReceiptHash":"h","TimeStamp":${ticks}}`,
      ),
      'journal entry',
    );
    expect(entry.TimeStamp).toBe(ticks);
    const request = parseOrThrow(
      JournalRequest,
      { ftJournalType: 2, From: ticks, To: -10 },
      'journal request',
    );
    expect(stringifyJsonLossless(request)).toBe(`{"ftJournalType":2,"From":${ticks},"To":-10}`);
  });
});

describe('FtAmount', () => {
  it('accepts every amount with up to 4 decimals, up to 10^12', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(10 ** 12), max: 10 ** 12 }),
        fc.constantFrom(1, 100, 10_000),
        (units, scale) => {
          expect(FtAmount.safeParse(units / scale).success).toBe(true);
        },
      ),
    );
    expect(FtAmount.safeParse(1234567.89).success).toBe(true);
  });

  it('reads a .NET decimal a double cannot hold exactly, and writes it back byte for byte', () => {
    // fiskaltrust/middleware scu-it AcceptanceTests PosReceipts/0x0001_Cash_WithNegativeAmount_Void.json
    const text = '{"Amount":-4.80000000000000000000000000,"VATAmount":-0.4363636363636363636363636364}';
    const parsed = parseJsonLossless(text) as Record<string, unknown>;
    expect(parsed['Amount']).toBe(-4.8);
    const vat = parsed['VATAmount'];
    expect(isJsonDecimal(vat) && vat.text).toBe('-0.4363636363636363636363636364');
    expect(FtAmount.safeParse(vat).success).toBe(true);
    expect(stringifyJsonLossless({ VATAmount: vat })).toBe('{"VATAmount":-0.4363636363636363636363636364}');
  });

  it('takes any scale up to 28 and refuses a 29th decimal or a value beyond 2^96', () => {
    const at = (t: string) => FtAmount.safeParse((parseJsonLossless(`[${t}]`) as unknown[])[0]).success;
    expect(at('0.1234567890123456789012345678')).toBe(true);
    expect(at('0.12345678901234567890123456789')).toBe(false);
    expect(at('79228162514264337593543950335')).toBe(false);
    expect(FtAmount.safeParse(7.9e28).success).toBe(true);
    expect(FtAmount.safeParse(8e28).success).toBe(false);
  });

  it('reads 19 significant digits split by the point exactly (no 16-digit run needed)', () => {
    const value = (parseJsonLossless('[123456789.0123456789]') as unknown[])[0];
    expect(isJsonDecimal(value) ? value.text : value).toBe('123456789.0123456789');
  });

  it('still accepts a float sum that is a 4-decimal amount in disguise', () => {
    expect(FtAmount.safeParse(0.1 + 0.2).success).toBe(true);
  });
});
