import { isTillKitError } from '@tillkit/models';
import { startSandbox } from '@tillkit/sandbox';
import { describe, expect, it } from 'vitest';
import { createFiscalClient } from './client.ts';
import { resolveFiscalConfig } from './config.ts';

describe('createFiscalClient options', () => {
  it('rejects bad CashBox credentials naming every field, without echoing the token', () => {
    const token = 'secret-access-token-123456';
    let caught: unknown;
    try {
      createFiscalClient({ baseUrl: 'ftp://x', cashBoxId: 'not-a-guid', accessToken: token, timeoutMs: 0 });
    } catch (error) {
      caught = error;
    }
    expect(isTillKitError(caught) && caught.code).toBe('INVALID_CONFIG');
    const paths = isTillKitError(caught) ? caught.issues.map((i) => i.path).sort() : [];
    expect(paths).toEqual(['baseUrl', 'cashBoxId', 'timeoutMs']);
    expect(JSON.stringify(caught) + String((caught as Error).message)).not.toContain(token);
  });

  it('accepts the minimal options and defaults to the fiskaltrust sandbox', () => {
    expect(() =>
      createFiscalClient({ cashBoxId: '6f1b8a2e-1c3d-4e5f-8a9b-0c1d2e3f4a5b', accessToken: 'token-1234' }),
    ).not.toThrow();
  });

  it.each([
    ['without /v2', 'https://possystem-api-sandbox.fiskaltrust.eu'],
    ['with /v2', 'https://possystem-api-sandbox.fiskaltrust.eu/v2'],
    ['with /v2/', 'https://possystem-api-sandbox.fiskaltrust.eu/v2/'],
    ['with a trailing slash', 'https://possystem-api-sandbox.fiskaltrust.eu/'],
  ])('takes the base URL %s as the same service', (_what, baseUrl) => {
    const options = { baseUrl, cashBoxId: '6f1b8a2e-1c3d-4e5f-8a9b-0c1d2e3f4a5b', accessToken: 'token-1234' };
    expect(resolveFiscalConfig(options).baseUrl).toBe('https://possystem-api-sandbox.fiskaltrust.eu');
  });

  it('signs against the sandbox through the /v2 URL it prints, as through its root', async () => {
    const sandbox = await startSandbox();
    try {
      const box = sandbox.control.fiskaltrust.createCashBox({ country: 'AT', started: true });
      for (const baseUrl of [sandbox.urls.fiskaltrust, sandbox.url]) {
        const client = createFiscalClient({
          baseUrl,
          cashBoxId: box.cashBoxId,
          accessToken: box.accessToken,
        });
        expect(await client.echo('ping')).toBe('ping');
      }
    } finally {
      await sandbox.close();
    }
  });
});
