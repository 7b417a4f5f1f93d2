// In-memory test doubles of our own ports (not of any HTTP API): each exposes knobs a test turns to put
// a checkout, a receipt or the merchant back office into the state the test is about.
import { money, TillKitError } from '@tillkit/models';
import { createInMemoryOrders } from '../in-memory-orders.ts';
import type {
  CheckoutService,
  CheckoutStatus,
  CheckoutView,
  DocumentQuery,
  DocumentView,
  FiscalDayView,
  MerchantService,
  ProductView,
  ReceiptService,
  ReceiptState,
  ReceiptView,
  TillKitServices,
} from '../services.ts';
import { paidStatuses } from '../services.ts';

export const catalogue: ProductView[] = [
  { id: 'coffee', name: 'Coffee beans 1 kg', description: 'Arabica', price: money(1899, 'EUR'), vatRate: 21 },
  { id: 'mug', name: 'Enamel mug', description: 'Blue', price: money(950, 'EUR'), vatRate: 21 },
  { id: 'book', name: 'Brewing guide', description: 'Paperback', price: money(1500, 'EUR'), vatRate: 9 },
];

export class FakeCheckouts implements CheckoutService {
  readonly views = new Map<string, CheckoutView>();
  private seq = 0;
  /** When set, the next call throws it. */
  failNext: unknown;

  private maybeFail(): void {
    const e = this.failNext;
    if (e !== undefined) {
      this.failNext = undefined;
      throw e;
    }
  }

  async start(input: Parameters<CheckoutService['start']>[0]): Promise<CheckoutView> {
    this.maybeFail();
    const id = `chk_test${++this.seq}`;
    const now = new Date(0).toISOString();
    const view: CheckoutView = {
      id,
      orderId: input.order.id,
      status: 'awaiting_scan',
      amount: input.order.total,
      description: input.description,
      qrPayload: `https://wallet.example/qr/${id}`,
      spotCode: `SPOT-${this.seq}`,
      createdAt: now,
      updatedAt: now,
    };
    this.views.set(id, view);
    return view;
  }

  async status(id: string): Promise<CheckoutView | undefined> {
    this.maybeFail();
    return this.views.get(id);
  }

  async cancel(id: string): Promise<CheckoutView> {
    this.maybeFail();
    const view = this.views.get(id);
    if (!view) throw new TillKitError('NOT_FOUND', 'no checkout');
    if (paidStatuses.has(view.status))
      throw new TillKitError('INVALID_STATE', 'The checkout is paid and cannot be cancelled.');
    return this.set(id, 'cancelled');
  }

  /** Moves a checkout to a status (a new object, as a real engine returns). */
  set(id: string, status: CheckoutStatus): CheckoutView {
    const view = this.views.get(id);
    if (!view) throw new Error(`no checkout ${id}`);
    const next = { ...view, status };
    this.views.set(id, next);
    return next;
  }
}

export class FakeReceipts implements ReceiptService {
  readonly signed = new Map<string, ReceiptView>();
  calls = 0;
  failNext: unknown;

  async receiptFor(orderId: string): Promise<ReceiptState> {
    this.calls++;
    const e = this.failNext;
    if (e !== undefined) {
      this.failNext = undefined;
      throw e;
    }
    const receipt = this.signed.get(orderId);
    return receipt ? { state: 'signed', receipt } : { state: 'pending' };
  }

  sign(orderId: string, receiptId: string): ReceiptView {
    const total = money(2849, 'EUR');
    const receipt: ReceiptView = {
      orderId,
      receiptId,
      queueItemId: '00000000-0000-4000-8000-000000000001',
      cashBoxIdentification: 'CB-1',
      country: 'AT',
      signedAt: new Date(0).toISOString(),
      lines: [
        {
          description: 'Coffee beans 1 kg',
          quantity: 1,
          amount: money(1899, 'EUR'),
          vatRate: 21,
          vatAmount: money(330, 'EUR'),
        },
      ],
      vat: [{ rate: 21, net: money(2355, 'EUR'), vat: money(494, 'EUR'), gross: total }],
      total,
      signatures: [
        { caption: 'QR', data: `_R1-AT1_CB-1_${receiptId}`, format: '0x0', type: '0x4154000000000001' },
      ],
      printable: `Receipt ${receiptId}`,
    };
    this.signed.set(orderId, receipt);
    return receipt;
  }
}

export class FakeMerchant implements MerchantService {
  readonly documentsSeen: DocumentQuery[] = [];
  readonly days = new Map<string, FiscalDayView>([
    [
      'day-1',
      {
        id: 'day-1',
        number: 1,
        status: 'open',
        startedAt: new Date(0).toISOString(),
        closedAt: null,
        totalSales: money(10_000, 'EUR'),
        totalReturns: money(0, 'EUR'),
        receiptCount: 4,
      },
    ],
  ]);
  readonly docs: DocumentView[] = [
    {
      id: 'doc-1',
      type: 'receipt',
      number: 'R-1',
      total: money(2849, 'EUR'),
      fiscalDayNumber: 1,
      createdAt: new Date(0).toISOString(),
    },
    {
      id: 'doc-2',
      type: 'return',
      number: 'X-1',
      total: money(950, 'EUR'),
      fiscalDayNumber: 1,
      createdAt: new Date(0).toISOString(),
    },
  ];

  async documents(filter: DocumentQuery): Promise<DocumentView[]> {
    this.documentsSeen.push(filter);
    return this.docs
      .filter((d) => filter.type === undefined || d.type === filter.type)
      .slice(0, filter.limit);
  }

  async fiscalDay(id: string): Promise<FiscalDayView | undefined> {
    return this.days.get(id);
  }
}

export interface FakeServices extends TillKitServices {
  checkouts: FakeCheckouts;
  receipts: FakeReceipts;
  merchant: FakeMerchant;
}

export function fakeServices(): FakeServices {
  return {
    orders: createInMemoryOrders(catalogue),
    checkouts: new FakeCheckouts(),
    receipts: new FakeReceipts(),
    merchant: new FakeMerchant(),
  };
}
