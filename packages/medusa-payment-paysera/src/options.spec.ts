import { describe, expect, it } from '@jest/globals';
import { parseOptions } from './options.ts';

describe('validateOptions', () => {
  it('applies the defaults', () => {
    const valid = {
      webhookSecret: 'x'.repeat(32),
      paysera: { macId: 'id', macKey: 'key', projectId: 1, locationId: 2 },
      fiskaltrust: { cashBoxId: '6f1a2f6e-6b3c-4c55-9a37-1f0d2f8e9a10', accessToken: 'token' },
    };
    expect(parseOptions(valid)).toMatchObject({
      captureMode: 'automatic',
      tablePrefix: 'tillkit_',
      description: 'Order {ref}',
      fiskaltrust: { country: 'AT' },
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
        paysera: { macId: 'id', projectId: 1, locationId: 2 },
        fiskaltrust: { cashBoxId: 'not-a-uuid', accessToken: 'token' },
      });
    } catch (e) {
      error = e;
    }
    expect(error.code).toBe('INVALID_CONFIG');
    const paths = error.issues.map((i: { path: string }) => i.path).sort();
    expect(paths).toEqual([
      'captureMode',
      'databaseUrl',
      'fiskaltrust.cashBoxId',
      'paysera.macKey',
      'tablePrefix',
      'webhookSecret',
    ]);
    expect(error.message).toContain('webhookSecret: must be at least 32 characters');
    expect(error.message).toContain('paysera.macKey: is required (Wallet API MAC key)');
  });
});
