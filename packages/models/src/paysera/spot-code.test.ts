import { describe, expect, it } from 'vitest';
import { formatSpotCode, parseSpotCode } from './wallet.ts';

describe('spot QR codes', () => {
  it('parses and formats PAYSERA*{locationId}:{identifier}', () => {
    expect(parseSpotCode(' PAYSERA*9975:table1 ')).toEqual({ locationId: 9975, identifier: 'table1' });
    expect(formatSpotCode({ locationId: 9975, identifier: 'table1' })).toBe('PAYSERA*9975:table1');
  });

  it.each(['PAYSERA%pDAlAZ3z', 'PAYSERA*abc:table1', 'PAYSERA*9975:', 'PAYSERA*9975:a b', 'EVP000000000001'])(
    'does not read %s as a spot code',
    (code) => {
      expect(parseSpotCode(code)).toBeUndefined();
    },
  );
});
