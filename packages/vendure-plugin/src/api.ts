import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Receipt, ReceiptState } from '@tillkit/checkout';
import type { Order } from '@vendure/core';
import { gql } from 'graphql-tag';
import { toVendure } from './order.ts';
import { TillKitService } from './tillkit.service.ts';

// Both APIs; beside the contract's TillKitReceipt: every receipt of the order, in Vendure units (×100).
export const receiptsSchema = gql`
  type TillKitOrderReceipt {
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
    tillkitReceipts: [TillKitOrderReceipt!]!
  }
`;

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
