import { describe, expect, it } from 'vitest';
import { ids } from '../../test/fixtures/valid.ts';
import { parseJsonLossless } from '../json.ts';
import { parseOrThrow } from '../parse.ts';
import { JournalRequest } from './api.ts';
import { ChargeItem, PayItem, ReceiptResponse } from './receipt.ts';

// Nullability and defaults as fiskaltrust's v2 data contracts declare them
// (fiskaltrust/middleware-interface-dotnet src/fiskaltrust.ifPOS/v2/Models/*.cs).

describe('fiskaltrust v2 data contracts', () => {
  it('reads a signature whose Data is null (SignatureItem.Data: string, EmitDefaultValue = true)', () => {
    // Shaped like the DE queue's daily-closing response (fiskaltrust/middleware QueueDE.IntegrationTest).
    const text = `{"ftQueueID":"${ids.QUEUE}","ftQueueItemID":"${ids.QUEUE_ITEM}","ftQueueRow":96,"cbReceiptReference":"233785","ftCashBoxIdentification":"CB","ftReceiptIdentification":"ft0#IT0","ftReceiptMoment":"2020-08-17T07:07:23.6383938Z","ftSignatures":[{"ftSignatureFormat":65549,"ftSignatureType":4919338167972134930,"Caption":"finish-transaction-result","Data":null},{"ftSignatureFormat":65537,"ftSignatureType":4919338167972134932,"Caption":"<kassen-seriennummer>","Data":null}],"ftState":4919338167972134912}`;
    const response = parseOrThrow(ReceiptResponse, parseJsonLossless(text), 'response', 'INVALID_RESPONSE');
    expect(response.ftSignatures.map((s) => s.Data)).toEqual([null, null]);
    expect(response.ftSignatures[0]?.ftSignatureType).toBe(0x4445_0000_0000_0012n);
  });

  it('reads charge and pay items without their case (ChargeItemCase/PayItemCase default 0) and an empty Description', () => {
    const charge = parseOrThrow(
      ChargeItem,
      { Quantity: 1, Description: '', Amount: 5, VATRate: 20 },
      'charge',
    );
    expect(charge.ftChargeItemCase).toBeUndefined();
    expect(parseOrThrow(PayItem, { Description: 'Cash', Amount: 5 }, 'pay').ftPayItemCase).toBeUndefined();
  });

  it('reads a journal request without From and To as 0 (JournalRequest: EmitDefaultValue = false, default 0)', () => {
    expect(parseOrThrow(JournalRequest, { ftJournalType: 2 }, 'journal')).toEqual({
      ftJournalType: 2n,
      From: 0n,
      To: 0n,
    });
  });
});
