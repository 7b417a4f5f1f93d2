import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonLossless, parseJsonReviving, stringifyJsonLossless } from './json.ts';

describe('parseJsonLossless', () => {
  it('parses any JSON exactly as the reviver path does, 64-bit integers included', () => {
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.bigInt({ min: -(2n ** 63n), max: 2n ** 64n - 1n }),
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.string(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('node'), { maxLength: 4 }),
        fc.dictionary(fc.string(), tie('node'), { maxKeys: 4 }),
      ),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        const text = stringifyJsonLossless(v);
        expect(parseJsonLossless(text)).toEqual(parseJsonReviving(text));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps an ftState above 2^53 exact', () => {
    expect(parseJsonLossless('{"ftState":4707387510509010944}')).toEqual({
      ftState: 0x4154_0000_0000_0000n,
    });
  });
});
