import {
  CashRegisterStatus,
  FinancialDocument,
  FiscalDay,
  Invoice,
  PosOrder,
  posPage,
} from '@tillkit/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../sandbox.ts';
import { obj, pos } from '../testing/helpers.ts';

let s: Sandbox;
beforeAll(async () => {
  s = await startSandbox({ rateLimits: { standardPerMinute: 10_000 } });
});
afterAll(() => s.close());

const DocumentPage = posPage(FinancialDocument);
const OrderPage = posPage(PosOrder);
const InvoicePage = posPage(Invoice);
const order = (number?: string) => ({
  ...(number === undefined ? {} : { number }),
  currency: 'EUR',
  orderPositions: [
    { title: 'Coffee', quantity: 2, unitPrice: { regular: '2.50' }, tax: { taxRate: 21 } },
    { title: 'Cake', quantity: 1, unitPrice: { regular: 4.2 } },
  ],
  payments: [{ paymentMethod: 'bankTransfer', amount: '9.20' }],
});

describe('POS authentication', () => {
  it('answers 401 without a token and with an unknown one', async () => {
    for (const token of [null, 'not-a-token']) {
      const res = await pos(s, 'GET', '/orders', { token });
      expect(res.status).toBe(401);
      expect(obj(res)['message']).toEqual(expect.any(String));
    }
  });

  it("answers 403 for another merchant's cash register, order and invoice", async () => {
    const other = s.credentials.pos.otherMerchantToken;
    expect(
      (
        await pos(s, 'GET', `/cash-registers/${s.credentials.pos.cashRegisterNumber}/status`, {
          token: other,
        })
      ).status,
    ).toBe(403);
    const mine = OrderPage.parse((await pos(s, 'GET', '/orders')).body).data[0];
    expect((await pos(s, 'GET', `/orders/${mine?.id}`, { token: other })).status).toBe(403);
    expect((await pos(s, 'POST', `/orders/${mine?.id}/cancel`, { token: other })).status).toBe(403);
    const invoice = InvoicePage.parse((await pos(s, 'GET', '/invoices')).body).data[0];
    expect((await pos(s, 'GET', `/invoices/${invoice?.uuid}`, { token: other })).status).toBe(403);
  });
});

describe('POS cash registers and financial documents', () => {
  const reg = () => `/cash-registers/${s.credentials.pos.cashRegisterNumber}`;

  it('reports the cash register status with a decimal balance', async () => {
    const res = await pos(s, 'GET', `${reg()}/status`);
    expect(CashRegisterStatus.parse(res.body)).toMatchObject({
      number: 'REG-001',
      status: 'online',
      currency: 'EUR',
      currentBalance: expect.stringMatching(/^-?\d+\.\d{2}$/),
    });
    expect((await pos(s, 'GET', '/cash-registers/NOPE/status')).status).toBe(404);
  });

  it('filters documents by type in all three array spellings', async () => {
    const spellings = ['type=receipt,return', 'type[]=receipt&type[]=return', 'type=receipt&type=return'];
    const totals = [];
    for (const q of spellings) {
      const page = DocumentPage.parse(
        (await pos(s, 'GET', `${reg()}/financial-documents?${q}&pageSize=100`)).body,
      );
      expect(page.data.every((d) => d.type === 'receipt' || d.type === 'return')).toBe(true);
      totals.push(page.itemsTotal);
    }
    expect(new Set(totals).size).toBe(1);
    const all = DocumentPage.parse((await pos(s, 'GET', `${reg()}/financial-documents?pageSize=100`)).body);
    expect(totals[0]).toBe(all.data.filter((d) => d.type !== 'collection').length);
  });

  it('filters documents by fiscal day and creation time', async () => {
    const all = DocumentPage.parse(
      (await pos(s, 'GET', `${reg()}/financial-documents?pageSize=100`)).body,
    ).data;
    const day1 = DocumentPage.parse(
      (await pos(s, 'GET', `${reg()}/financial-documents?fiscalDayNumber=1&pageSize=100`)).body,
    );
    expect(day1.data).toEqual(all.filter((d) => d.fiscalDayNumber === 1));
    const pivot = all[5]?.createdAt as string;
    const after = DocumentPage.parse(
      (await pos(s, 'GET', `${reg()}/financial-documents?createdAtFrom=${pivot}&pageSize=100`)).body,
    );
    expect(after.data).toEqual(all.filter((d) => Date.parse(d.createdAt) >= Date.parse(pivot)));
  });

  it('reads a receipt, return and collection only under their own type', async () => {
    const all = DocumentPage.parse(
      (await pos(s, 'GET', `${reg()}/financial-documents?pageSize=100`)).body,
    ).data;
    for (const type of ['receipt', 'return', 'collection'] as const) {
      const doc = all.find((d) => d.type === type);
      const res = await pos(s, 'GET', `${reg()}/${type}/${doc?.id}`);
      expect(FinancialDocument.parse(res.body)).toMatchObject({ id: doc?.id, type });
      const wrong = type === 'receipt' ? 'return' : 'receipt';
      expect((await pos(s, 'GET', `${reg()}/${wrong}/${doc?.id}`)).status).toBe(404);
    }
  });

  it('lists and reads fiscal days', async () => {
    const days = posPage(FiscalDay).parse((await pos(s, 'GET', `${reg()}/fiscal-days`)).body);
    expect(days.data.map((d) => d.number)).toEqual([1, 2]);
    const day = await pos(s, 'GET', `${reg()}/fiscal-day/${days.data[0]?.id}`);
    expect(FiscalDay.parse(day.body)).toMatchObject({ number: 1, status: 'closed' });
  });

  it('rejects invalid filters with 422 and field errors', async () => {
    const res = await pos(
      s,
      'GET',
      `${reg()}/financial-documents?type=invoice&createdAtFrom=yesterday&pageSize=500&page=0`,
    );
    expect(res.status).toBe(422);
    expect(Object.keys(obj(res)['errors'] as object).sort()).toEqual([
      'createdAtFrom',
      'page',
      'pageSize',
      'type.0',
    ]);
  });
});

describe('POS pagination', () => {
  const path = () => `/cash-registers/${s.credentials.pos.cashRegisterNumber}/financial-documents`;
  const links = async (query: string) => DocumentPage.parse((await pos(s, 'GET', `${path()}?${query}`)).body);
  const link = (page: number, size: number, extra = '') =>
    `/eapi/v1${path()}?${extra}page=${page}&pageSize=${size}`;

  it('links first, middle and last pages, with null where absent', async () => {
    const first = await links('pageSize=10');
    const pages = first.pagesTotal;
    expect(pages).toBe(Math.ceil(first.itemsTotal / 10));
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(first.links).toEqual({
      first: link(1, 10),
      last: link(pages, 10),
      prev: null,
      next: link(2, 10),
      self: link(1, 10),
    });
    const middle = await links('page=2&pageSize=10');
    expect(middle.links).toEqual({
      first: link(1, 10),
      last: link(pages, 10),
      prev: link(1, 10),
      next: link(3, 10),
      self: link(2, 10),
    });
    const last = await links(`page=${pages}&pageSize=10`);
    expect(last.links.next).toBeNull();
    expect(last.links.prev).toBe(link(pages - 1, 10));
    expect(last.data).toHaveLength(first.itemsTotal - (pages - 1) * 10);
  });

  it('links an empty result to page 1 and keeps the filters in every link', async () => {
    const empty = await links('fiscalDayNumber=99');
    expect(empty).toMatchObject({ itemsTotal: 0, pagesTotal: 0, data: [] });
    const l = link(1, 10, 'fiscalDayNumber=99&');
    expect(empty.links).toEqual({ first: l, last: l, prev: null, next: null, self: l });
  });

  it('accepts limit as an alias of pageSize', async () => {
    const viaLimit = await links('limit=5&page=2');
    const viaSize = await links('pageSize=5&page=2');
    expect(viaLimit.data).toEqual(viaSize.data);
    expect(viaLimit.links.self).toBe(link(2, 5));
  });
});

describe('POS orders', () => {
  it('creates an order with 201, computes the total and refuses a duplicate number with 409', async () => {
    const created = await pos(s, 'POST', '/orders', { body: order('T-100') });
    expect(created.status).toBe(201);
    expect(PosOrder.parse(created.body)).toMatchObject({
      number: 'T-100',
      status: 'pending',
      totalAmount: '9.20',
    });
    expect((await pos(s, 'POST', '/orders', { body: order('T-100') })).status).toBe(409);
    const numbered = await pos(s, 'POST', '/orders', { body: order() });
    expect(obj(numbered)['number']).toMatch(/^ORD-\d{6}$/);
  });

  it('rejects an invalid order with 422 field errors and malformed JSON with 400', async () => {
    const res = await pos(s, 'POST', '/orders', { body: { currency: 'euro', orderPositions: [] } });
    expect(res.status).toBe(422);
    expect(obj(res)).toMatchObject({
      message: expect.any(String),
      errors: { currency: expect.any(Array), orderPositions: expect.any(Array) },
    });
    expect((await pos(s, 'POST', '/orders', { body: '{"currency":' })).status).toBe(400);
  });

  it('moves pending to completed or canceled once, with 409 on any other transition', async () => {
    const a = PosOrder.parse((await pos(s, 'POST', '/orders', { body: order('T-200') })).body);
    const b = PosOrder.parse((await pos(s, 'POST', '/orders', { body: order('T-201') })).body);
    expect(obj(await pos(s, 'POST', `/orders/${a.id}/complete`))['status']).toBe('completed');
    expect(obj(await pos(s, 'POST', `/orders/${b.id}/cancel`))['status']).toBe('canceled');
    expect((await pos(s, 'POST', `/orders/${a.id}/cancel`)).status).toBe(409);
    expect((await pos(s, 'POST', `/orders/${b.id}/complete`)).status).toBe(409);
    expect((await pos(s, 'PATCH', `/orders/${a.id}`, { body: { reservationName: 'x' } })).status).toBe(409);
  });

  it('updates a pending order with PATCH and recomputes its total', async () => {
    const a = PosOrder.parse((await pos(s, 'POST', '/orders', { body: order('T-300') })).body);
    const patched = await pos(s, 'PATCH', `/orders/${a.id}`, {
      body: { orderPositions: [{ name: 'Tea', quantity: 3, price: '1.10', vatRate: 21 }] },
    });
    expect(PosOrder.parse(patched.body)).toMatchObject({ number: 'T-300', totalAmount: '3.30' });
    expect(PosOrder.parse((await pos(s, 'GET', `/orders/${a.id}`)).body).totalAmount).toBe('3.30');
    expect((await pos(s, 'GET', '/orders/00000000-0000-0000-0000-000000000000')).status).toBe(404);
  });

  it('filters orders by numbers and status', async () => {
    await pos(s, 'POST', '/orders', { body: order('F-1') });
    await pos(s, 'POST', '/orders', { body: order('F-2') });
    const byNumber = OrderPage.parse((await pos(s, 'GET', '/orders?numbers[]=F-1&numbers[]=F-2')).body);
    expect(byNumber.data.map((o) => o.number).sort()).toEqual(['F-1', 'F-2']);
    const pending = OrderPage.parse((await pos(s, 'GET', '/orders?status=pending&pageSize=100')).body);
    expect(pending.data.every((o) => o.status === 'pending')).toBe(true);
    expect((await pos(s, 'GET', '/orders?status=lost')).status).toBe(422);
  });
});

describe('POS invoices', () => {
  it('filters invoices by numbers, prefix and full numbers', async () => {
    const all = InvoicePage.parse((await pos(s, 'GET', '/invoices?pageSize=100')).body).data;
    const pro = InvoicePage.parse((await pos(s, 'GET', '/invoices?prefix=PRO&pageSize=100')).body);
    expect(pro.data).toEqual(all.filter((i) => i.prefix === 'PRO'));
    const first = all[0] as Invoice;
    const full = InvoicePage.parse((await pos(s, 'GET', `/invoices?fullNumbers=${first.fullNumber}`)).body);
    expect(full.data).toEqual([first]);
    const nums = InvoicePage.parse(
      (await pos(s, 'GET', `/invoices?numbers=${first.number},${all[1]?.number}`)).body,
    );
    expect(nums.itemsTotal).toBe(2);
    expect(Invoice.parse((await pos(s, 'GET', `/invoices/${first.uuid}`)).body)).toEqual(first);
  });
});

describe('POS rate limits', () => {
  it('answers 429 with Retry-After once a token exceeds its per-minute limit, per token and tier', async () => {
    const limited = await startSandbox({ rateLimits: { standardPerMinute: 3, premiumPerMinute: 5 } });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await pos(limited, 'GET', '/orders')).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const res = await pos(limited, 'GET', '/orders');
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(
        (await pos(limited, 'GET', '/orders', { token: limited.credentials.pos.otherMerchantToken })).status,
      ).toBe(200);
      const premium = [];
      for (let i = 0; i < 6; i++)
        premium.push(
          (await pos(limited, 'GET', '/orders', { token: limited.credentials.pos.premiumToken })).status,
        );
      expect(premium).toEqual([200, 200, 200, 200, 200, 429]);
    } finally {
      await limited.close();
    }
  });
});
