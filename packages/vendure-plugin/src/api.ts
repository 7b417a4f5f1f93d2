import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { PaymentAttempt, Receipt, ReceiptState } from '@tillkit/checkout';
import { Allow, Ctx, type Order, Permission, type RequestContext } from '@vendure/core';
import { gql } from 'graphql-tag';
import { toVendure } from './order.ts';
import { TillKitService } from './tillkit.service.ts';

// Names carry a TillKit prefix: Vendure's shop schema already has Order, Payment, Refund, Money….
const common = gql`
  type TillKitReceipt {
    kind: String!
    state: String!
    attemptId: String!
    refundId: String
    receiptId: String
    "cbReceiptReference sent to fiskaltrust."
    reference: String
    signedAt: String
    "Vendure units (×100 in every currency)."
    total: Int
    currencyCode: String
    printable: String
    failure: String
  }
  extend type Order {
    "The fiskaltrust receipts of the order's TillKit payment: the sale first, then one per refund."
    tillkitReceipts: [TillKitReceipt!]!
  }
`;

export const shopSchema = gql`
  ${common}
  # Attempt ids are strings of their own (att_…), not Vendure entity IDs.
  type TillKitCheckout {
    id: String!
    status: String!
    "What the shopper scans in the Paysera app."
    qrPayload: String!
    spotCode: String!
    expiresAt: String!
    "Vendure units (×100 in every currency)."
    amount: Int!
    currencyCode: String!
    failure: String
  }
  extend type Mutation {
    "Starts (or returns the live) Paysera scan-and-pay attempt for the active order."
    startTillKitCheckout: TillKitCheckout!
  }
  extend type Query {
    "Polls an attempt by its id (an unguessable capability, like the QR it goes with)."
    tillkitCheckout(id: String!): TillKitCheckout
  }
`;

export const adminSchema = common;

const checkoutView = (a: PaymentAttempt) => ({
  ...a,
  amount: toVendure(a.amount),
  currencyCode: a.amount.currency,
  failure: a.failure?.code ?? null,
});

const receiptView = (state: ReceiptState, attemptId: string, refundId?: string) => {
  const r: Partial<Receipt> = state.state === 'signed' ? state.receipt : {};
  return {
    kind: refundId ? 'refund' : 'sale',
    state: state.state,
    attemptId,
    refundId,
    receiptId: r.receiptId,
    reference: r.reference,
    signedAt: r.signedAt,
    total: r.total && toVendure(r.total),
    currencyCode: r.total?.currency,
    printable: r.printable,
    failure: state.state === 'failed' ? state.failure.code : null,
  };
};

@Resolver('Order')
export class OrderReceiptsResolver {
  constructor(private readonly tillkit: TillKitService) {}

  @ResolveField()
  async tillkitReceipts(@Parent() order: Order) {
    const { checkout } = this.tillkit;
    const paid = (await checkout.attemptsFor(order.code)).filter((a) => a.status === 'confirmed');
    const views = [];
    for (const a of paid) {
      views.push(receiptView(await checkout.receipt(a.id), a.id));
      for (const r of await checkout.refunds(a.id))
        views.push(receiptView(await checkout.refundReceipt(r.id), a.id, r.id));
    }
    return views;
  }
}

@Resolver()
export class ShopCheckoutResolver {
  constructor(private readonly tillkit: TillKitService) {}

  @Mutation()
  @Allow(Permission.Owner)
  async startTillKitCheckout(@Ctx() ctx: RequestContext) {
    return checkoutView(await this.tillkit.start(ctx));
  }

  @Query()
  async tillkitCheckout(@Args('id') id: string) {
    const attempt = await this.tillkit.checkout.get(id);
    return attempt ? checkoutView(attempt) : null;
  }
}
