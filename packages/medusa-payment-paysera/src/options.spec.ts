import { describe, expect, it } from '@jest/globals';
import { parseOptions } from './options.ts';

describe('validateOptions', () => {
  it('applies the defaults', () => {
    expect(parseOptions({ webhookSecret: 'x'.repeat(32), checkout: {} })).toMatchObject({
      captureMode: 'automatic',
      tablePrefix: 'tillkit_',
      description: 'Order {ref}',
    });
  });

  it('names every wrong or missing option in one INVALID_CONFIG error', () => {
    let error: any;
    try {
      parseOptions({
        webhookSecret: 'short',
        captureMode: 'later',
        databaseUrl: 'mysql://x',
        tablePrefix: 'x; drop',
      });
    } catch (e) {
      error = e;
    }
    expect(error.code).toBe('INVALID_CONFIG');
    const paths = error.issues.map((i: { path: string }) => i.path).sort();
    expect(paths).toEqual(['captureMode', 'checkout', 'databaseUrl', 'tablePrefix', 'webhookSecret']);
    expect(error.message).toContain('webhookSecret: must be at least 32 characters');
  });
});
