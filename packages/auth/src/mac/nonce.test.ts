import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateNonce, isValidNonce } from './nonce.ts';
import { createMemoryNonceStore } from './nonce-store.ts';

describe('generateNonce', () => {
  it('makes 32 characters from printable ASCII without quote or backslash', () => {
    for (let i = 0; i < 50; i++) {
      const nonce = generateNonce();
      expect(nonce).toHaveLength(32);
      expect(nonce).toMatch(/^[\x20-\x7e]+$/);
      expect(nonce).not.toMatch(/["\\]/);
    }
  });

  it('draws from the whole allowed range, not a subset such as hex', () => {
    const seen = new Set(Array.from({ length: 200 }, () => generateNonce()).join(''));
    // 6400 uniform draws over 93 characters miss a given one with probability (92/93)^6400 ≈ 1e-30.
    expect(seen.size).toBe(93);
  });
});

describe('isValidNonce', () => {
  it('accepts exactly the non-empty strings of allowed characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (s) => {
        const allowed = s.length > 0 && [...s].every((c) => c >= ' ' && c <= '~' && c !== '"' && c !== '\\');
        expect(isValidNonce(s)).toBe(allowed);
      }),
    );
  });
});

describe('createMemoryNonceStore', () => {
  it('reports a key the second time it is seen', () => {
    const store = createMemoryNonceStore();
    expect(store.checkAndRemember('a', 10)).toBe(true);
    expect(store.checkAndRemember('b', 10)).toBe(true);
    expect(store.checkAndRemember('a', 10)).toBe(false);
  });

  it('forgets expired keys once it grows, and keeps the ones still in their window', () => {
    let now = 0;
    const store = createMemoryNonceStore({ nowSeconds: () => now });
    store.checkAndRemember('old', 100);
    store.checkAndRemember('fresh', 1000);
    now = 500;
    for (let i = 0; i < 1024; i++) store.checkAndRemember(`filler-${i}`, 1000);
    expect(store.checkAndRemember('fresh', 1000)).toBe(false);
    expect(store.checkAndRemember('old', 100)).toBe(true);
  });
});
