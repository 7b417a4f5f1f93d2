import { describe, expect, it } from 'vitest';
import { assertSupportedNode } from './node-version.ts';

describe('the Node version check at load', () => {
  it.each(['22.12.0', '22.23.3', '24.0.0'])('accepts Node %s', (version) => {
    expect(() => assertSupportedNode(version)).not.toThrow();
  });

  it.each(['20.19.5', '22.11.0', '18.20.8'])('refuses Node %s, naming the version needed', (version) => {
    expect(() => assertSupportedNode(version)).toThrow(`needs Node.js >= 22.12 (this is ${version})`);
  });
});
