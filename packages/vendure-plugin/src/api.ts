import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { PaymentAttempt, Receipt, ReceiptState } from '@tillkit/checkout';
import { Allow, Ctx, type Order, Permission, type RequestContext } from '@vendure/core';
import { gql } from 'graphql-tag';
import { toVendure } from './order.ts';
import { TillKitService } from './tillkit.service.ts';

// Names carry a TillKit prefix: Vendure's shop schema already has Order, Payment, Refund, Money….
// Amounts are Vendure units (×100 in every currency); attempt ids (att_…) are not Vendure entity IDs.
const common = gql`
  type TillKitReceipt {
    kind: String!
    state: String!
    attemptId: String!
    refundId: String
    receiptId: String
    reference: String
    signedAt: String
    total: Int
    currencyCode: String
    printable: String
    failure: String
  }
  extend type Order {
    "The fiskaltrust receipts of the order's TillKit payments: each sale, then one per refund."
    tillkitReceipts: [TillKitReceipt!]!
  }
`;

export const shopSchema = gql`
  ${common}
  type TillKitCheckout {
    id: String!
    status: String!
    qrPayload: String!
    spotCode: String!
    expiresAt: String!
    amount: Int!
    currencyCode: String!
    failure: String
  }
  extend type Mutation {
    "Starts (or returns the live) Paysera scan-and-pay attempt for the active order; shows qrPayload as a QR."
    startTillKitCheckout: TillKitCheckout!
  }
  extend type Query {
    "Polls an attempt by its id (unguessable, like the QR it goes with)."
    tillkitCheckout(id: String!): TillKitCheckout
  }
`;

export const adminSchema = common;

const checkoutView = (a: PaymentAttempt) => {
  const failure = a.failure?.code ?? null;
  return { ...a, amount: toVendure(a.amount), currencyCode: a.amount.currency, failure };
};

const receiptView = (s: ReceiptState, attemptId: string, refundId?: string) => {
  const r: Partial<Receipt> = s.state === 'signed' ? s.receipt : {};
  const failure = s.state === 'failed' ? s.failure.code : null;
  const money = r.total && { total: toVendure(r.total), currencyCode: r.total.currency };
  return { ...r, ...money, kind: refundId ? 'refund' : 'sale', state: s.state, attemptId, refundId, failure };
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
