import { lowWord, ReceiptResponse, STATE_ERROR, StateFlag } from '@tillkit/models';
import { describe, expect, it } from 'vitest';
import {
  authHeaders,
  call,
  codes,
  harness,
  json,
  receipt,
  request,
  sign,
  startReceipt,
} from './test-support.ts';

// What fiskaltrust's own contracts and queues allow, and the sandbox therefore must: ifPOS v2 data
// contracts (fiskaltrust/middleware-interface-dotnet src/fiskaltrust.ifPOS/v2/Models), the middleware's
// queues and tests (fiskaltrust/middleware), and the v0 → v2 migration guide (fiskaltrust/docs).

const parsed = (res: Awaited<ReturnType<typeof sign>>) => ReceiptResponse.parse(json(res));
const ok = (res: Awaited<ReturnType<typeof sign>>) => {
  expect(res.status).toBe(201);
  const body = parsed(res);
  expect(lowWord(body.ftState) & 0xffffn).toBe(0n);
  return body;
};

describe('fiskaltrust contract: amounts are .NET decimals', () => {
  it('signs a void whose lines carry 28-digit decimals (VATAmount -4.8/11), reading them exactly', async () => {
    const h = harness({}, { country: 'IT', started: true });
    // Written as text: a JSON number with 28 decimals, as a .NET client serialises a decimal.
    const body = `{"cbReceiptReference":"V-1","cbReceiptMoment":"2025-01-01T10:00:00Z","ftReceiptCase":${0x4954_2000_0004_0001n},
      "cbChargeItems":[{"Quantity":-1.0000,"Description":"Beer","Amount":-4.80000000000000000000000000,"VATRate":10.0000,
        "ftChargeItemCase":${0x4954_2000_0000_0011n},"ftChargeItemCaseData":"","VATAmount":-0.4363636363636363636363636364},
        {"Quantity":1.0000,"Description":"Bread","Amount":2.00000000000000000000000000,"VATRate":10.0000,
        "ftChargeItemCase":${0x4954_2000_0000_0011n},"VATAmount":0.1818181818181818181818181818}],
      "cbPayItems":[{"Quantity":1.0,"Description":"Cash","Amount":-2.8000,"ftPayItemCase":${0x4954_2000_0000_0001n}}]}`;
    const signed = ok(await sign(h, body));
    expect(signed.ftSignatures.map((s) => s.Data).join()).toContain('-2.80');
  });
});

describe('fiskaltrust contract: optional and empty fields', () => {
  it('signs charge and pay items without ftChargeItemCase / ftPayItemCase (default 0, by VAT rate)', async () => {
    const h = harness({}, { started: true });
    const signed = ok(
      await sign(
        h,
        receipt({
          cbChargeItems: [{ Quantity: 1, Description: 'Tea', Amount: 10, VATRate: 10 }],
          cbPayItems: [{ Description: 'Cash', Amount: 10 }],
        }),
      ),
    );
    // RKSV QR: the 10 % line lands in the reduced-1 bucket because its rate says so.
    expect(signed.ftSignatures[1]?.Data).toContain('_0,00_10,00_0,00_0,00_0,00_');
  });

  for (const country of ['AT', 'DE', 'IT'] as const) {
    it(`signs a charge item with an empty Description on a ${country} queue`, async () => {
      const h = harness({}, { country, started: true });
      const item = { Quantity: 1, Description: '', Amount: 5, VATRate: country === 'AT' ? 20 : 22 };
      ok(await sign(h, receipt({ cbChargeItems: [item], cbPayItems: [{ Description: 'Cash', Amount: 5 }] })));
    });
  }

  it('answers POST /v2/journal without From and To (both default 0: everything)', async () => {
    const h = harness({}, { started: true });
    await sign(h, receipt());
    const res = await call(
      h.emulator,
      request({ path: '/v2/journal', headers: authHeaders(h.box), body: { ftJournalType: 2 } }),
    );
    expect(res.status).toBe(200);
    expect(json<unknown[]>(res)).toHaveLength(1);
  });
});

describe('fiskaltrust contract: legacy v0/v1 cases are passed through', () => {
  it('starts an AT queue with the v0 start receipt 0x4154_0000_0000_0003 and signs a v0 POS receipt', async () => {
    const h = harness();
    ok(await sign(h, { ...startReceipt(), ftReceiptCase: 0x4154_0000_0000_0003n }));
    const pos = ok(await sign(h, receipt({ ftReceiptCase: 0x4154_0000_0000_0001n })));
    expect(pos.ftState & StateFlag.OutOfOperation).toBe(0n);
    expect(pos.ftReceiptIdentification).toBe('ft2#2');
    const v2 = ok(await sign(h, receipt({ ftReceiptCase: codes.posReceipt })));
    expect(v2.ftState & StateFlag.OutOfOperation).toBe(0n);
  });

  it("signs the DE queue's own v0 daily closing 0x4445_0001_0000_0007, TSE items with Data null included", async () => {
    const h = harness({}, { country: 'DE', started: true });
    const closing = {
      ...receipt({ cbChargeItems: [], cbPayItems: [] }),
      ftReceiptCase: 0x4445_0001_0000_0007n,
    };
    const signed = ok(await sign(h, closing));
    const nulls = signed.ftSignatures.filter((s) => s.Data === null).map((s) => s.Caption);
    expect(nulls).toEqual(['finish-transaction-result', '<kassen-seriennummer>']);
    expect(h.emulator.journal(h.box.cashBoxId).actions.at(-1)?.Message).toBe('Daily closing.');
  });

  it('still refuses a legacy case of another market', async () => {
    const h = harness({}, { started: true });
    const res = json<{ ftState: bigint; ftSignatures: { Caption: string }[] }>(
      await sign(h, receipt({ ftReceiptCase: 0x4445_0000_0000_0001n })),
    );
    expect(lowWord(res.ftState)).toBe(STATE_ERROR);
    expect(res.ftSignatures[0]?.Caption).toBe('[Error] CountryMismatch');
  });
});

describe('fiskaltrust contract: DE DSFinV-K process data keeps every VAT class', () => {
  it('puts each line in its slot (19 %, 7 %, 10.7 %, 5.5 %, 0 %) so the slots add up to the total', async () => {
    const h = harness({}, { country: 'DE', started: true });
    const line = (vatClass: bigint, amount: number, rate: number) => ({
      Quantity: 1,
      Description: `class ${vatClass}`,
      Amount: amount,
      VATRate: rate,
      ftChargeItemCase: 0x4445_2000_0000_0010n | vatClass,
    });
    const items = [
      line(3n, 19, 19),
      line(1n, 7, 7),
      line(2n, 2, 0),
      line(4n, 10.7, 10.7),
      line(5n, 5.5, 5.5),
    ];
    const signed = ok(
      await sign(h, receipt({ cbChargeItems: items, cbPayItems: [{ Description: 'Bar', Amount: 44.2 }] })),
    );
    const qr = signed.ftSignatures.find((s) => s.Caption === 'www.fiskaltrust.de')?.Data ?? '';
    const slots = /Beleg\^([^^]+)\^/.exec(qr)?.[1];
    expect(slots).toBe('19.00_7.00_10.70_5.50_2.00');
    const total = (slots ?? '').split('_').reduce((t, v) => t + Math.round(Number(v) * 100), 0);
    expect(total).toBe(4420);
  });
});
