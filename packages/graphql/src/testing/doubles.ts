// In-memory test doubles of the ports the schema resolves against (not of any HTTP API): each exposes
// knobs a test turns to put a checkout, a receipt or the merchant back office into the state the test is
// about. The real service over the sandbox is exercised by apps/storefront's e2e.
import type {
  AttemptStatus,
  CheckoutService,
  OrderSource,
  PaymentAttempt,
  PricedOrder,
  Receipt,
  ReceiptState,
  ReceiptStatus,
  StartAttemptInput,
  StartedAttempt,
} from '@tillkit/checkout';
import { money, TillKitError } from '@tillkit/models';
import type {
  DocumentQuery,
  DocumentView,
  FiscalDayView,
  MerchantReads,
  TillKitGraphQLServices,
} from '../ports.ts';

const prices: Record<string, { name: string; amount: number; vatRate: number }> = {
  coffee: { name: 'Coffee beans 1 kg', amount: 1899, vatRate: 20 },
  mug: { name: 'Enamel mug', amount: 950, vatRate: 20 },
  book: { name: 'Brewing guide', amount: 1500, vatRate: 10 },
};

/** An OrderSource over a three-product catalogue; an unknown product is VALIDATION_FAILED naming the line. */
export class FakeOrders implements OrderSource {
  private seq = 0;
  readonly priced: PricedOrder[] = [];
  /** When set, a start without lines gets this attempt, as from a host that started it itself. */
  handOver: string | undefined;
  async priceOrder(input: {
    lines?: Array<{ productId: string; quantity: number }>;
  }): Promise<PricedOrder | StartedAttempt> {
    return this.handOver && !input.lines ? { attemptId: this.handOver } : this.price(input);
  }
  /** The lines priced from the catalogue. */
  async price(input: { lines?: Array<{ productId: string; quantity: number }> }): Promise<PricedOrder> {
    if (!input.lines || input.lines.length === 0)
      throw new TillKitError('VALIDATION_FAILED', 'No lines', {
        issues: [{ path: 'input.lines', message: 'a cart needs at least one line' }],
      });
    const lines = input.lines.map((l, i) => {
      const p = prices[l.productId];
      if (!p)
        throw new TillKitError('VALIDATION_FAILED', `Unknown product ${l.productId}`, {
          issues: [{ path: `input.lines.${i}.productId`, message: 'is not a product of this shop' }],
        });
      return { description: p.name, quantity: l.quantity, unitPrice: p.amount, vatRate: p.vatRate };
    });
    const total = lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
    const order: PricedOrder = {
      orderRef: `ord_${++this.seq}`,
      amount: money(total, 'EUR'),
      order: { lines },
      description: '',
    };
    this.priced.push(order);
    return order;
  }
}

/** A CheckoutService keeping attempts in a map; only what the schema calls is implemented. */
export class FakeCheckout implements CheckoutService {
  readonly attempts = new Map<string, PaymentAttempt>();
  readonly receipts = new Map<string, ReceiptState>();
  readonly started: StartAttemptInput[] = [];
  receiptCalls = 0;
  private seq = 0;
  /** When set, the next call throws it. */
  failNext: unknown;

  private maybeFail(): void {
    const e = this.failNext;
    if (e === undefined) return;
    this.failNext = undefined;
    throw e;
  }

  async start(input: StartAttemptInput): Promise<PaymentAttempt> {
    this.maybeFail();
    const id = `att_test${++this.seq}`;
    const now = new Date(0).toISOString();
    const a: PaymentAttempt = {
      id,
      orderRef: input.orderRef,
      status: 'awaiting_scan',
      captureMode: 'automatic',
      amount: input.amount,
      refundedAmount: money(0, input.amount.currency),
      qrPayload: `PAYSERA*1:table${this.seq}`,
      spotCode: `table${this.seq}`,
      description: input.description,
      createdAt: now,
      updatedAt: now,
      expiresAt: new Date(900_000).toISOString(),
      receipt: 'none',
      metadata: {},
    };
    this.started.push(input);
    this.attempts.set(id, a);
    return a;
  }

  async get(id: string): Promise<PaymentAttempt | undefined> {
    this.maybeFail();
    return this.attempts.get(id);
  }

  async cancel(id: string): Promise<PaymentAttempt> {
    this.maybeFail();
    const a = this.attempts.get(id);
    if (!a) throw new TillKitError('NOT_FOUND', 'no attempt');
    if (a.status === 'confirmed') throw new TillKitError('INVALID_STATE', 'The attempt is paid.');
    return this.set(id, 'cancelled');
  }

  async receipt(id: string): Promise<ReceiptState> {
    this.receiptCalls++;
    this.maybeFail();
    return (
      this.receipts.get(id) ?? { state: this.attempts.get(id)?.receipt === 'pending' ? 'pending' : 'none' }
    );
  }

  /** Moves an attempt to a status (a new object, as the real service returns). */
  set(id: string, status: AttemptStatus, receipt?: ReceiptStatus): PaymentAttempt {
    const a = this.attempts.get(id);
    if (!a) throw new Error(`no attempt ${id}`);
    const next: PaymentAttempt = {
      ...a,
      status,
      receipt: receipt ?? (status === 'confirmed' ? 'pending' : a.receipt),
    };
    this.attempts.set(id, next);
    return next;
  }

  /** Signs the attempt's receipt. */
  sign(id: string, receiptId: string): Receipt {
    const a = this.attempts.get(id);
    if (!a) throw new Error(`no attempt ${id}`);
    const total = money(2849, 'EUR');
    const receipt: Receipt = {
      kind: 'sale',
      attemptId: id,
      orderRef: a.orderRef,
      receiptId,
      reference: a.orderRef,
      queueItemId: '00000000-0000-4000-8000-000000000001',
      cashBoxIdentification: 'CB-1',
      country: 'AT',
      signedAt: new Date(0).toISOString(),
      lines: [
        {
          description: 'Coffee beans 1 kg',
          quantity: 1,
          amount: money(1899, 'EUR'),
          vatRate: 20,
          vatAmount: money(317, 'EUR'),
        },
      ],
      vat: [{ rate: 20, net: money(2374, 'EUR'), vat: money(475, 'EUR'), gross: total }],
      total,
      signatures: [
        { caption: 'QR', data: `_R1-AT1_CB-1_${receiptId}`, format: '0x0', type: '0x4154000000000001' },
      ],
      printable: `Receipt ${receiptId}`,
    };
    this.receipts.set(id, { state: 'signed', receipt });
    this.attempts.set(id, { ...a, receipt: 'signed' });
    return receipt;
  }

  /** The store's secret (the schema's token key when none is configured). */
  secretValue = 'fake-store-secret-0123456789-0123456789';
  async secret(): Promise<string> {
    return this.secretValue;
  }

  private unused(): never {
    throw new Error('not used by the GraphQL layer');
  }
  attemptsFor = async () => this.unused();
  capture = async () => this.unused();
  refund = async () => this.unused();
  refunds = async () => this.unused();
  refundReceipt = async () => this.unused();
  retryReceipt = async () => this.unused();
  closeDay = async () => this.unused();
  events = async () => this.unused();
  subscribe = () => this.unused();
  tick = async () => this.unused();
  runJob = async () => this.unused();
  onWalletCallback = async () => this.unused();
  run = () => this.unused();
  stop = async () => this.unused();
}

export class FakeMerchant implements MerchantReads {
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

export interface FakeServices extends TillKitGraphQLServices {
  checkout: FakeCheckout;
  orders: FakeOrders;
  merchant: FakeMerchant;
}

export function fakeServices(): FakeServices {
  return { checkout: new FakeCheckout(), orders: new FakeOrders(), merchant: new FakeMerchant() };
}
