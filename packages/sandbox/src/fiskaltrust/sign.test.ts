import { lowWord, ReceiptResponse, STATE_ERROR, StateFlag, stringifyJsonLossless } from '@tillkit/models';
import { describe, expect, it } from 'vitest';
import { codes, harness, json, receipt, sign, startReceipt } from './test-support.ts';

const AT_OK = 0x4154_2000_0000_0000n;

interface Response {
  ftQueueID: string;
  ftQueueItemID: string;
  ftQueueRow: number;
  cbTerminalID?: string;
  ftReceiptIdentification: string;
  ftCashBoxIdentification: string;
  ftReceiptMoment: string;
  ftSignatures: {
    ftSignatureFormat: bigint | number;
    ftSignatureType: bigint | number;
    Caption: string;
    Data: string;
  }[];
  ftState: bigint;
}

describe('POST /v2/sign on a started AT queue', () => {
  it('answers 201 with a ReceiptResponse that parses with the models schema', async () => {
    const h = harness({}, { started: true });
    const res = await sign(h, receipt({ cbReceiptReference: 'R-0001' }));
    expect(res.status).toBe(201);
    expect(res.headers?.['content-type']).toMatch(/^application\/json/);
    const parsed = ReceiptResponse.parse(json(res));
    expect(parsed.ftQueueID).toBe(h.box.queueId);
    expect(parsed.cbReceiptReference).toBe('R-0001');
    expect(parsed.ftCashBoxIdentification).toBe(h.box.cashBoxIdentification);
    expect(parsed.ftState).toBe(AT_OK);
  });

  it('counts ftQueueRow and the receipt numerator and writes ftReceiptIdentification as ft{hex}#{counter}', async () => {
    const h = harness({}, { started: true });
    const ids: string[] = [];
    const rows: number[] = [];
    for (let i = 0; i < 26; i++) {
      const body = json<Response>(await sign(h, receipt()));
      ids.push(body.ftReceiptIdentification);
      rows.push(body.ftQueueRow);
    }
    expect(ids[0]).toBe('ft1#1');
    expect(ids[25]).toBe('ft1A#26');
    expect(rows).toEqual(Array.from({ length: 26 }, (_, i) => i + 1));
  });

  it('takes ftReceiptMoment from the injected clock and cbTerminalID from the request', async () => {
    const h = harness({}, { started: true });
    h.clock.now = new Date('2025-07-01T12:34:56.789Z');
    const body = json<Response>(await sign(h, receipt()));
    expect(body.ftReceiptMoment).toBe('2025-07-01T12:34:56.789Z');
    expect(body.cbTerminalID).toBe('T1');
  });

  it('signs with an RKSV QR payload in Vienna local time with de-AT amounts, then the S A N D B O X signature', async () => {
    const h = harness({}, { started: true });
    h.clock.now = new Date('2025-07-01T12:00:00.000Z');
    const items = [
      {
        Quantity: 1,
        Description: 'Item 20 %',
        Amount: 20.0,
        VATRate: 20,
        ftChargeItemCase: codes.goodsNormal,
      },
      {
        Quantity: 2,
        Description: 'Item 10 %',
        Amount: 20.5,
        VATRate: 10,
        ftChargeItemCase: codes.goodsReduced,
      },
    ];
    const body = json<Response>(
      await sign(
        h,
        receipt({
          cbChargeItems: items,
          cbPayItems: [{ Description: 'Cash', Amount: 40.5, ftPayItemCase: codes.cash }],
        }),
      ),
    );
    const rksv = body.ftSignatures.find((s) => s.Caption === 'www.fiskaltrust.at');
    expect(rksv?.ftSignatureType).toBe(0x4154_2000_0000_0001n);
    expect(BigInt(rksv?.ftSignatureFormat ?? 0)).toBe(3n);
    const fields = rksv?.Data.split('_') ?? [];
    expect(fields.slice(0, 10)).toEqual([
      '',
      'R1-AT1',
      h.box.cashBoxIdentification,
      'ft1#1',
      '2025-07-01T14:00:00',
      '20,00',
      '20,50',
      '0,00',
      '0,00',
      '0,00',
    ]);
    expect(fields).toHaveLength(14);
    const last = body.ftSignatures.at(-1);
    expect(last).toMatchObject({ Caption: 'S A N D B O X', Data: body.ftQueueID, ftSignatureType: AT_OK });
  });

  it('chains each RKSV signature to the previous receipt and is deterministic for the same CashBox', async () => {
    const cashBoxId = '3f2d8a40-1b7c-4c1e-9a4e-2f0c8d1b5e77';
    const run = async () => {
      const h = harness({}, { started: true, cashBoxId });
      const first = json<Response>(await sign(h, receipt({ cbReceiptReference: 'A' })));
      const second = json<Response>(await sign(h, receipt({ cbReceiptReference: 'B' })));
      return [first, second].map(
        (r) => r.ftSignatures.find((s) => s.Caption === 'www.fiskaltrust.at')?.Data ?? '',
      );
    };
    const [a1, a2] = await run();
    const [b1, b2] = await run();
    expect([a1, a2]).toEqual([b1, b2]);
    const signatureOfFirst = Buffer.from(a1?.split('_').at(-1) ?? '', 'base64');
    expect(a2?.split('_').at(-2)).toBe(signatureOfFirst.subarray(0, 8).toString('base64'));
  });

  it('keeps ftState bits beyond 2^53 exact on the wire (late-signing flag 0x8 under the AT prefix)', async () => {
    const h = harness({}, { started: true });
    const res = await sign(h, receipt({ ftReceiptCase: codes.posReceipt | 0x0001_0000n }));
    expect(String(res.body)).toContain(`"ftState":${AT_OK | StateFlag.LateSigning}`);
    expect(json<Response>(res).ftState).toBe(0x4154_2000_0000_0008n);
  });

  it('reads a prefixed 64-bit case losslessly: 0x4154_2000_0000_4001 starts the queue instead of rounding to …4000', async () => {
    const h = harness();
    const raw = stringifyJsonLossless(startReceipt()).replace(
      /"ftReceiptCase":\d+/,
      '"ftReceiptCase":4707422694881116161',
    );
    expect(BigInt(Number(4707422694881116161n))).not.toBe(4707422694881116161n);
    const body = json<Response>(await sign(h, raw));
    expect(body.ftState).toBe(AT_OK);
    expect(h.emulator.journal(h.box.cashBoxId).queue.started).toBe(true);
  });

  it('accepts case codes that already carry the queue country prefix', async () => {
    const h = harness({}, { started: true });
    const body = json<Response>(await sign(h, receipt({ ftReceiptCase: 0x4154_2000_0000_0001n })));
    expect(body.ftState).toBe(AT_OK);
  });

  it('signs DE receipts with a KassenSichV QR and IT receipts with an RT signature under their prefixes', async () => {
    for (const [country, prefix, caption] of [
      ['DE', 0x4445_2000_0000_0000n, 'www.fiskaltrust.de'],
      ['IT', 0x4954_2000_0000_0000n, 'www.fiskaltrust.it'],
    ] as const) {
      const h = harness({}, { started: true, country });
      const body = json<Response>(await sign(h, receipt()));
      expect(body.ftState).toBe(prefix);
      expect(body.ftReceiptIdentification).toBe('ft1#IT1');
      expect(body.ftSignatures.find((s) => s.Caption === caption)?.ftSignatureType).toBe(prefix | 1n);
    }
  });

  it('leaves out the S A N D B O X signature when the option turns it off', async () => {
    const h = harness({ sandboxSignature: false }, { started: true });
    const body = json<Response>(await sign(h, receipt()));
    expect(body.ftSignatures.map((s) => s.Caption)).not.toContain('S A N D B O X');
  });
});

describe('fiscal validation errors come back as a 2xx ReceiptResponse', () => {
  it('answers an unbalanced receipt with low word EEEE_EEEE and a ReceiptNotBalanced signature', async () => {
    const h = harness({}, { started: true });
    const res = await sign(
      h,
      receipt({ cbPayItems: [{ Description: 'Cash', Amount: 19.98, ftPayItemCase: codes.cash }] }),
    );
    expect(res.status).toBe(201);
    const body = json<Response>(res);
    expect(body.ftState).toBe(0x4154_2000_eeee_eeeen);
    expect(lowWord(body.ftState)).toBe(STATE_ERROR);
    expect(body.ftSignatures).toEqual([
      {
        Caption: '[Error] ReceiptNotBalanced',
        ftSignatureType: 0x4154_2000_0000_3000n,
        ftSignatureFormat: 1,
        Data: expect.stringContaining('20.00'),
      },
    ]);
    expect(body.ftReceiptIdentification).toBe('ft0#');
  });

  it('accepts a difference of exactly 0.01 and sums decimals without float drift', async () => {
    const h = harness({}, { started: true });
    const items = [0.1, 0.2, 0.3].map((Amount) => ({
      Quantity: 1,
      Description: 'x',
      Amount,
      VATRate: 20,
      ftChargeItemCase: codes.goodsNormal,
    }));
    const paidInCash = async (Amount: number) =>
      json<Response>(
        await sign(
          h,
          receipt({
            cbChargeItems: items,
            cbPayItems: [{ Description: 'Cash', Amount, ftPayItemCase: codes.cash }],
          }),
        ),
      );
    const exact = await paidInCash(0.6);
    expect(exact.ftState).toBe(AT_OK);
    const cent = await paidInCash(0.61);
    expect(cent.ftState).toBe(AT_OK);
    const over = await paidInCash(0.6101);
    expect(lowWord(over.ftState)).toBe(STATE_ERROR);
  });

  it('divides amounts by DecimalPrecisionMultiplier before balancing', async () => {
    const h = harness({}, { started: true });
    const body = receipt({
      DecimalPrecisionMultiplier: 100,
      cbChargeItems: [
        { Quantity: 1, Description: 'x', Amount: 2050, VATRate: 20, ftChargeItemCase: codes.goodsNormal },
      ],
      cbPayItems: [{ Description: 'Cash', Amount: 2050, ftPayItemCase: codes.cash }],
    });
    const res = json<Response>(await sign(h, body));
    expect(res.ftState).toBe(AT_OK);
    expect(res.ftSignatures[0]?.Data).toBe('20,50');
  });

  it('uses an item DecimalPrecisionMultiplier only when it is a positive whole number', async () => {
    const h = harness({}, { started: true });
    const charge = (DecimalPrecisionMultiplier: number) => ({
      Quantity: 1,
      Description: 'x',
      Amount: 2050,
      VATRate: 20,
      ftChargeItemCase: codes.goodsNormal,
      DecimalPrecisionMultiplier,
    });
    const paid = (cbChargeItems: unknown[]) =>
      receipt({
        cbChargeItems,
        cbPayItems: [{ Description: 'Cash', Amount: 20.5, ftPayItemCase: codes.cash }],
      });
    const own = await sign(h, paid([charge(100)]));
    expect(json<Response>(own).ftState).toBe(AT_OK);
    const fractional = await sign(h, paid([charge(2.5)]));
    expect(fractional.status).toBe(201);
    expect(lowWord(json<Response>(fractional).ftState)).toBe(STATE_ERROR);
  });

  it('requires cbPreviousReceiptReference on a refund', async () => {
    const h = harness({}, { started: true });
    const refund = codes.posReceipt | 0x0100_0000n;
    const negative = {
      cbChargeItems: [
        { Quantity: -1, Description: 'x', Amount: -20, VATRate: 20, ftChargeItemCase: codes.goodsNormal },
      ],
      cbPayItems: [{ Description: 'Cash', Amount: -20, ftPayItemCase: codes.cash }],
    };
    const missing = json<Response>(await sign(h, receipt({ ...negative, ftReceiptCase: refund })));
    expect(missing.ftSignatures.map((s) => s.Caption)).toEqual([
      '[Error] RefundMissingPreviousReceiptReference',
    ]);
    const given = json<Response>(
      await sign(h, receipt({ ...negative, ftReceiptCase: refund, cbPreviousReceiptReference: 'R-0001' })),
    );
    expect(given.ftState).toBe(AT_OK);
  });

  it('refuses an unsupported ftReceiptCase and a legacy code the market has no v0 meaning for', async () => {
    const h = harness({}, { started: true });
    const unsupported = json<Response>(await sign(h, receipt({ ftReceiptCase: 0x2000_0000_4011n })));
    expect(unsupported.ftSignatures[0]?.Caption).toBe('[Error] UnsupportedReceiptCase');
    expect(unsupported.ftSignatures[0]?.Data).toContain('0x415420000000401');
    const legacy = json<Response>(await sign(h, receipt({ ftReceiptCase: 0x4154_0000_0000_00ffn })));
    expect(lowWord(legacy.ftState)).toBe(STATE_ERROR);
    expect(legacy.ftSignatures[0]?.Caption).toBe('[Error] UnsupportedReceiptCase');
  });

  it('does not use a receipt number or a journal entry for an error state', async () => {
    const h = harness({}, { started: true });
    await sign(h, receipt({ cbPayItems: [] }));
    const ok = json<Response>(await sign(h, receipt()));
    expect(ok.ftReceiptIdentification).toBe('ft1#1');
    expect(ok.ftQueueRow).toBe(2);
    expect(h.emulator.journal(h.box.cashBoxId).receipts).toHaveLength(1);
  });
});

describe('the queue lifecycle', () => {
  it('marks any receipt before the start receipt with 0x1 and an unnumbered ftReceiptIdentification', async () => {
    const h = harness();
    const body = json<Response>(await sign(h, receipt()));
    expect(body.ftState).toBe(AT_OK | StateFlag.OutOfOperation);
    expect(body.ftReceiptIdentification).toBe('ft0#');
    expect(body.ftSignatures).toEqual([]);
    expect(h.emulator.journal(h.box.cashBoxId).actions.map((a) => a.Message)).toEqual([
      expect.stringContaining('has not been activated yet'),
    ]);
  });

  it('starts with 0x…4001, then signs normally', async () => {
    const h = harness();
    const start = json<Response>(await sign(h, startReceipt()));
    expect(start.ftState).toBe(AT_OK);
    expect(start.ftReceiptIdentification).toBe('ft1#1');
    expect(json<Response>(await sign(h, receipt())).ftReceiptIdentification).toBe('ft2#2');
  });

  it('answers a second start receipt with an error state', async () => {
    const h = harness({}, { started: true });
    const body = json<Response>(await sign(h, startReceipt()));
    expect(lowWord(body.ftState)).toBe(STATE_ERROR);
    expect(body.ftSignatures[0]).toMatchObject({
      Caption: 'FAILURE',
      Data: expect.stringContaining('already operational'),
    });
  });

  it('stops the queue for good with 0x…4002', async () => {
    const h = harness({}, { started: true });
    const stop = json<Response>(
      await sign(h, receipt({ cbChargeItems: [], cbPayItems: [], ftReceiptCase: codes.stopReceipt })),
    );
    expect(stop.ftState).toBe(AT_OK);
    expect(json<Response>(await sign(h, receipt())).ftState).toBe(AT_OK | StateFlag.OutOfOperation);
    expect(json<Response>(await sign(h, startReceipt())).ftState).toBe(AT_OK | StateFlag.OutOfOperation);
  });

  it('keeps late-signing and SCU-failed flags until a zero receipt clears them', async () => {
    const h = harness({}, { started: true });
    h.emulator.setState(h.box.cashBoxId, { scuFailed: true });
    const late = json<Response>(await sign(h, receipt({ ftReceiptCase: codes.posReceipt | 0x0001_0000n })));
    expect(late.ftState).toBe(AT_OK | StateFlag.ScuFailed | StateFlag.LateSigning);
    const rksv = late.ftSignatures.find((s) => s.Caption === 'www.fiskaltrust.at');
    expect(Buffer.from(rksv?.Data.split('_').at(-1) ?? '', 'base64').toString()).toBe(
      'Sicherheitseinrichtung ausgefallen',
    );
    expect(json<Response>(await sign(h, receipt())).ftState).toBe(
      AT_OK | StateFlag.ScuFailed | StateFlag.LateSigning,
    );
    const zero = json<Response>(
      await sign(h, receipt({ cbChargeItems: [], cbPayItems: [], ftReceiptCase: codes.zeroReceipt })),
    );
    expect(zero.ftState).toBe(AT_OK);
    expect(h.emulator.journal(h.box.cashBoxId).queue.faults).toMatchObject({
      scuFailed: false,
      lateSigning: false,
    });
  });

  it('clears the daily-closing-due flag with a daily closing', async () => {
    const h = harness({}, { started: true });
    h.emulator.setState(h.box.cashBoxId, { dailyClosingDue: true, messagePending: true });
    expect(json<Response>(await sign(h, receipt())).ftState).toBe(
      AT_OK | StateFlag.DailyClosingDue | StateFlag.MessagePending,
    );
    const closing = json<Response>(
      await sign(h, receipt({ cbChargeItems: [], cbPayItems: [], ftReceiptCase: codes.dailyClosing })),
    );
    expect(closing.ftState).toBe(AT_OK | StateFlag.MessagePending);
  });

  it('answers the fail state and persists nothing while failReceipts is set', async () => {
    const h = harness({}, { started: true });
    h.emulator.setState(h.box.cashBoxId, { failReceipts: true });
    const body = json<Response>(await sign(h, receipt()));
    expect(lowWord(body.ftState)).toBe(0xffff_ffffn);
    const journal = h.emulator.journal(h.box.cashBoxId);
    expect([journal.queue.row, journal.queueItems.length, journal.receipts.length]).toEqual([0, 0, 0]);
  });

  it('returns the stored response for a cbReceiptReference when the request carries flag 0x8000_0000', async () => {
    const h = harness({}, { started: true });
    const first = await sign(h, receipt({ cbReceiptReference: 'R-42' }));
    const again = await sign(
      h,
      receipt({ cbReceiptReference: 'R-42', ftReceiptCase: codes.posReceipt | 0x8000_0000n }),
    );
    expect(again.status).toBe(201);
    expect(again.body).toBe(first.body);
    expect(h.emulator.journal(h.box.cashBoxId).receipts).toHaveLength(1);
  });
});
