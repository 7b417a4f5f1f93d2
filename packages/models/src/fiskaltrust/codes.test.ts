import { describe, expect, it } from 'vitest';
import { parseJsonLossless, stringifyJsonLossless } from '../json.ts';
import { parseOrThrow } from '../parse.ts';
import { caseOf, countryOf, fromTicks, ftCode, lowWord, ReceiptCase, STATE_ERROR, toTicks } from './codes.ts';
import { ReceiptResponse } from './receipt.ts';

const errorState = '4707422698889735918'; // 0x4154_2000_EEEE_EEEE

describe('fiskaltrust 64-bit codes', () => {
  it('composes the AT v2 POS receipt case 0x4154_2000_0000_0001', () => {
    expect(ftCode({ country: 'AT', value: ReceiptCase.PosReceipt })).toBe(0x4154_2000_0000_0001n);
    expect(ftCode({ value: ReceiptCase.StartReceipt })).toBe(35184372105217n);
  });
  it('reads country, case and low word back', () => {
    const code = 0x4154_2000_0000_4001n;
    expect([countryOf(code), caseOf(code), countryOf(0x2000_0000_0001n)]).toEqual(['AT', 0x4001n, undefined]);
  });
  it('keeps an error ftState exact where JSON.parse rounds it away', () => {
    const text = `{"ftState":${errorState}}`;
    expect(lowWord(BigInt((JSON.parse(text) as { ftState: number }).ftState))).not.toBe(STATE_ERROR);
    const parsed = parseJsonLossless(text) as { ftState: bigint };
    expect(parsed.ftState).toBe(0x4154_2000_eeee_eeeen);
    expect(lowWord(parsed.ftState)).toBe(STATE_ERROR);
    expect(stringifyJsonLossless(parsed)).toBe(text);
  });
  it('converts .NET ticks both ways', () => {
    const d = new Date('2025-01-01T10:00:00.000Z');
    expect(toTicks(new Date(0))).toBe(621355968000000000n);
    expect(fromTicks(toTicks(d)).toISOString()).toBe(d.toISOString());
  });
  it('parses a ReceiptResponse from raw JSON text without losing its signature type', () => {
    const raw = `{"ftQueueID":"8d1d4c5e-1f1a-4f7e-9a55-0c4a1d2b3c4d","ftQueueItemID":"2b1d4c5e-1f1a-4f7e-9a55-0c4a1d2b3c4d","ftQueueRow":42,
      "cbReceiptReference":"R-1","ftCashBoxIdentification":"CB1","ftReceiptIdentification":"ft1A#27","ftReceiptMoment":"2025-01-01T10:00:01.123Z",
      "ftSignatures":[{"ftSignatureFormat":3,"ftSignatureType":4707422694881099777,"Caption":"www.fiskaltrust.at","Data":"_R1-AT1_x"}],
      "ftState":${errorState},"somethingNew":true}`;
    const r = parseOrThrow(ReceiptResponse, parseJsonLossless(raw), 'receipt response', 'INVALID_RESPONSE');
    expect(r.ftSignatures[0]?.ftSignatureType).toBe(0x4154_2000_0000_0001n);
    expect((r as Record<string, unknown>)['somethingNew']).toBe(true);
  });
});
