import { beforeAll, describe, expect, it } from 'vitest';
import { rejection, useSandbox } from '../testing/sandbox.ts';
import { createPosClient, type PosClient } from './client.ts';

const sandbox = useSandbox({ pos: { documents: 7, invoices: 5, orders: 3 } });
let pos: PosClient;
let register: string;

beforeAll(() => {
  pos = createPosClient({
    token: sandbox().credentials.pos.premiumToken,
    baseUrl: sandbox().urls.pos,
    retry: { baseDelayMs: 1 },
  });
  register = sandbox().credentials.pos.cashRegisterNumber;
});

const newOrder = (number: string) => ({
  number,
  currency: 'EUR',
  orderPositions: [{ productId: 'COF-1', name: 'Coffee', quantity: 2, price: 2.5, vatRate: 21 }],
});

describe('PosClient against the sandbox', () => {
  it('reads the cash register status', async () => {
    expect((await pos.cashRegisterStatus(register)).number).toBe(register);
  });

  it('iterates every financial document across pages by following links.next', async () => {
    const first = await pos.listFinancialDocuments(register, { pageSize: 2 });
    expect(first.data).toHaveLength(2);
    const all = [];
    for await (const doc of first) all.push(doc);
    expect(all).toHaveLength(first.itemsTotal);
    expect(new Set(all.map((d) => d.id)).size).toBe(all.length);
  });

  it('reads a document by id through its type endpoint, and a fiscal day', async () => {
    const docs = [];
    for await (const d of await pos.listFinancialDocuments(register, { pageSize: 100 })) docs.push(d);
    const receipt = docs.find((d) => d.type === 'receipt');
    const ret = docs.find((d) => d.type === 'return');
    const collection = docs.find((d) => d.type === 'collection');
    expect((await pos.getReceipt(register, receipt?.id as string)).id).toBe(receipt?.id);
    expect((await pos.getReturn(register, ret?.id as string)).type).toBe('return');
    expect((await pos.getCollection(register, collection?.id as string)).type).toBe('collection');
    const days = await pos.listFiscalDays(register);
    const day = days.data[0];
    expect((await pos.getFiscalDay(register, day?.id as string)).number).toBe(day?.number);
  });

  it('filters by type with repeated parameters', async () => {
    const page = await pos.listFinancialDocuments(register, {
      type: ['return', 'collection'],
      pageSize: 100,
    });
    expect(page.data.length).toBeGreaterThan(0);
    expect(page.data.every((d) => d.type === 'return' || d.type === 'collection')).toBe(true);
  });

  it('creates, finds, patches, completes and cancels orders; a duplicate number is a CONFLICT', async () => {
    const created = await pos.createOrder(newOrder('TK-100'));
    expect(created).toMatchObject({ number: 'TK-100', status: 'pending', totalAmount: '5.00' });
    // Sent in the API reference's shape (/api/pos/create-order), answered as such.
    expect(created.orderPositions[0]).toMatchObject({
      productId: 'COF-1',
      name: 'Coffee',
      price: '2.50',
      vatRate: 21,
    });
    const found = await pos.listOrders({ numbers: ['TK-100', 'nope'] });
    expect(found.data.map((o) => o.id)).toEqual([created.id]);
    expect((await pos.getOrder(created.id)).number).toBe('TK-100');
    const patched = await pos.updateOrder(created.id, { reservationComment: 'window seat' });
    expect(patched['reservationComment']).toBe('window seat');
    expect((await pos.completeOrder(created.id)).status).toBe('completed');
    const other = await pos.createOrder(newOrder('TK-101'));
    expect((await pos.cancelOrder(other.id)).status).toBe('canceled');
    expect((await rejection(pos.createOrder(newOrder('TK-100')))).code).toBe('CONFLICT');
  });

  it("refuses the plugin's title/unitPrice line before sending: the client sends the reference shape only", async () => {
    const plugin = {
      currency: 'EUR',
      orderPositions: [{ title: 'Coffee', quantity: 1, unitPrice: { regular: '2.50' } }],
    };
    const error = await rejection(pos.createOrder(plugin as never));
    expect(error.issues.map((i) => i.path)).toContain('orderPositions.0.name');
    expect(sandbox().control.count('POST /eapi/v1/orders')).toBe(0);
  });

  it('rejects an invalid filter before sending anything', async () => {
    const error = await rejection(pos.listOrders({ pageSize: 1000 }));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(sandbox().control.count('GET /eapi/v1/orders')).toBe(0);
  });

  it('lists invoices and reads one', async () => {
    const page = await pos.listInvoices({ pageSize: 2 });
    const all = [];
    for await (const i of page) all.push(i);
    expect(all).toHaveLength(page.itemsTotal);
    expect((await pos.getInvoice(all[0]?.uuid as string)).uuid).toBe(all[0]?.uuid);
  });

  it('retries a read after a 503, but not an order create', async () => {
    sandbox().control.faults.add({
      route: 'GET /eapi/v1/cash-registers/*/status',
      kind: 'error',
      status: 503,
      times: 1,
    });
    await pos.cashRegisterStatus(register);
    expect(sandbox().control.count('GET /eapi/v1/cash-registers/*/status')).toBe(2);
    sandbox().control.faults.add({ route: 'POST /eapi/v1/orders', kind: 'error', status: 503, times: 1 });
    expect((await rejection(pos.createOrder(newOrder('TK-102')))).code).toBe('UPSTREAM_UNAVAILABLE');
    expect(sandbox().control.count('POST /eapi/v1/orders')).toBe(1);
  });

  it('honours a 429 Retry-After and then succeeds', async () => {
    sandbox().control.faults.add({
      route: 'GET /eapi/v1/invoices',
      kind: 'rate-limit',
      retryAfterSeconds: 0,
      times: 1,
    });
    await pos.listInvoices();
    expect(sandbox().control.count('GET /eapi/v1/invoices')).toBe(2);
  });

  it('gives up on a slow answer with TIMEOUT', async () => {
    const impatient = createPosClient({
      token: sandbox().credentials.pos.premiumToken,
      baseUrl: sandbox().urls.pos,
      timeoutMs: 100,
      retry: { limit: 0 },
    });
    sandbox().control.faults.add({
      route: 'GET /eapi/v1/cash-registers/*/status',
      kind: 'latency',
      latencyMs: 1000,
      times: 1,
    });
    expect((await rejection(impatient.cashRegisterStatus(register))).code).toBe('TIMEOUT');
  });

  it('maps a bad token to UNAUTHENTICATED without echoing it', async () => {
    const bad = createPosClient({ token: 'wrong-token-xyz', baseUrl: sandbox().urls.pos });
    const error = await rejection(bad.cashRegisterStatus(register));
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.message).not.toContain('wrong-token-xyz');
  });
});
