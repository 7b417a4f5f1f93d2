import { describe, expect, it } from 'vitest';
import { formatMacHeader, parseMacHeader } from './header.ts';

describe('MAC header', () => {
  it('formats id, ts, nonce, mac and a non-empty ext in that order', () => {
    const h = { id: 'i', ts: '1', nonce: 'n', mac: 'm', ext: 'a=1' };
    expect(formatMacHeader(h)).toBe('MAC id="i", ts="1", nonce="n", mac="m", ext="a=1"');
    expect(formatMacHeader({ ...h, ext: '' })).toBe('MAC id="i", ts="1", nonce="n", mac="m"');
  });

  it('parses what it formats, including nonces with commas, spaces and equals signs', () => {
    const h = {
      id: 'i',
      ts: '1',
      nonce: ' a, b="c" '.replace(/"/g, "'"),
      mac: 'm+/=',
      ext: 'body_hash=x%3D',
    };
    expect(parseMacHeader(formatMacHeader(h))).toEqual(h);
  });

  it('accepts any parameter order, a lower-case scheme, loose spacing and unknown parameters', () => {
    expect(parseMacHeader('mac  mac="m",ts = "1" ,nonce="n",  id="i", x="y"')).toEqual({
      id: 'i',
      ts: '1',
      nonce: 'n',
      mac: 'm',
      ext: '',
    });
  });

  it.each([
    ['Bearer x', /scheme/],
    ['MAC id="i" ts="1"', /pairs/],
    ['MAC id="i", ts="1", nonce="n", mac="a\\"b"', /pairs/],
    ['MAC id="i", ts="1", nonce="n"', /mac is missing/],
    ['MAC id="i", ID="j", ts="1", nonce="n", mac="m"', /id appears twice/],
  ])('reports %s as malformed with the reason', (header, reason) => {
    const parsed = parseMacHeader(header);
    expect(parsed).toHaveProperty('malformed');
    expect('malformed' in parsed && parsed.malformed).toMatch(reason);
  });
});
