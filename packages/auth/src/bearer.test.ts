import { isTillKitError } from '@tillkit/models';
import { describe, expect, it } from 'vitest';
import { bearerAuthorization } from './bearer.ts';
import { fiskaltrustHeaders } from './fiskaltrust.ts';

function codeAndMessage(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (isTillKitError(e)) return `${e.code}: ${e.message}`;
    throw e;
  }
  return 'no error';
}

describe('bearerAuthorization', () => {
  it('prefixes the personal access token with Bearer', () => {
    expect(bearerAuthorization('pat_AbC.123-~+/==')).toBe('Bearer pat_AbC.123-~+/==');
  });

  it.each(['', 'two words', 'line\nbreak', 'quote"'])('refuses %j without echoing it', (token) => {
    const result = codeAndMessage(() => bearerAuthorization(token));
    expect(result).toMatch(/^INVALID_CONFIG: /);
    if (token !== '') expect(result).not.toContain(token);
  });
});

describe('fiskaltrustHeaders', () => {
  const cashBoxId = '3f1e9a6c-8d2b-4c57-9f0a-1b2c3d4e5f60';

  it('sends the CashBox id and access token, and the optional ids only when given', () => {
    expect(fiskaltrustHeaders({ cashBoxId, accessToken: 'BASE64token==' })).toEqual({
      'x-cashbox-id': cashBoxId,
      'x-cashbox-accesstoken': 'BASE64token==',
    });
    expect(
      fiskaltrustHeaders({ cashBoxId, accessToken: 't0k3n', posSystemId: 'pos-1', terminalId: 'T1' }),
    ).toEqual({
      'x-cashbox-id': cashBoxId,
      'x-cashbox-accesstoken': 't0k3n',
      'x-possystem-id': 'pos-1',
      'x-terminal-id': 'T1',
    });
  });

  it('refuses a header value that would break the request, naming the field but not the token', () => {
    const result = codeAndMessage(() =>
      fiskaltrustHeaders({ cashBoxId, accessToken: 'secret\r\nX-Evil: 1' }),
    );
    expect(result).toBe('INVALID_CONFIG: fiskaltrust accessToken is empty or not visible ASCII');
    expect(codeAndMessage(() => fiskaltrustHeaders({ cashBoxId, accessToken: 't', terminalId: '' }))).toMatch(
      /terminalId/,
    );
  });
});
