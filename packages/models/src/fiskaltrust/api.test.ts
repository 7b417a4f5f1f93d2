import { describe, expect, it } from 'vitest';
import { ids } from '../../test/fixtures/valid.ts';
import { parseOrThrow } from '../parse.ts';
import { EchoMessage, PairResponse } from './api.ts';
import { hasFlag, ReceiptCaseFlag } from './codes.ts';

describe('fiskaltrust API bodies', () => {
  it('reads an echo written as message (older docs) as Message', () => {
    expect(parseOrThrow(EchoMessage, { message: 'ping' }, 'echo')).toEqual({ Message: 'ping' });
  });

  it('reads a pair response written with CashBoxID (drafts) as CashBoxId', () => {
    expect(parseOrThrow(PairResponse, { CashBoxID: ids.CASHBOX, AccessToken: 't' }, 'pair')).toMatchObject({
      CashBoxId: ids.CASHBOX,
    });
  });

  it('tests a flag on a full 64-bit case', () => {
    const training = 0x4154_2000_0002_0001n;
    expect([hasFlag(training, ReceiptCaseFlag.Training), hasFlag(training, ReceiptCaseFlag.Void)]).toEqual([
      true,
      false,
    ]);
  });
});
