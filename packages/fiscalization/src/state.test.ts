import { parseJsonLossless } from '@tillkit/models';
import { describe, expect, it } from 'vitest';
import { operationIdFor } from './operation-id.ts';
import { decodeFiscalState } from './state.ts';

describe('decodeFiscalState', () => {
  it('reports the AT error word that JSON.parse would round away', () => {
    const text = `{"ftState":${0x4154_2000_eeee_eeeen}}`;
    const lossless = parseJsonLossless(text) as { ftState: bigint };
    expect(decodeFiscalState(lossless.ftState).outcome).toBe('error');
    const naive = BigInt((JSON.parse(text) as { ftState: number }).ftState);
    expect(decodeFiscalState(naive).outcome).not.toBe('error');
  });

  it('reports the fail word without reading its bits as flags', () => {
    const state = decodeFiscalState(0x4445_2000_ffff_ffffn);
    expect(state).toMatchObject({ outcome: 'fail', country: 'DE', degraded: false });
    expect(Object.values(state.flags).some(Boolean)).toBe(false);
  });

  it('decodes each named flag and marks the state degraded', () => {
    const state = decodeFiscalState(0x4154_2000_0000_014an);
    expect(state.flags).toEqual({
      outOfService: false,
      scuFailed: true,
      lateSigning: true,
      messagePending: true,
      dailyClosingDue: true,
      monthlyClosingDue: false,
      yearlyClosingDue: false,
    });
    expect(state).toMatchObject({ outcome: 'ok', degraded: true, country: 'AT', hex: '0x415420000000014a' });
  });

  it('reads a clean state as ok and not degraded', () => {
    expect(decodeFiscalState(0x4954_2000_0000_0000n)).toMatchObject({
      outcome: 'ok',
      degraded: false,
      country: 'IT',
    });
  });
});

describe('operationIdFor', () => {
  it('derives the same UUID v5 for the same order and purpose, and different ones otherwise', () => {
    const id = operationIdFor('order_123', 'sign');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(operationIdFor('order_123', 'sign')).toBe(id);
    expect(operationIdFor('order_123', 'refund')).not.toBe(id);
    expect(operationIdFor('order_124', 'sign')).not.toBe(id);
    expect(operationIdFor('a', 'b\u0000c')).not.toBe(operationIdFor('a\u0000b', 'c'));
  });
});
