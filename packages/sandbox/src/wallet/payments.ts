import { FinalizePaymentInput, priceCents, toDecimalString, type WalletPayment } from '@tillkit/models';
import type { SandboxResponse } from '../contract.ts';
import { parseJsonBody } from '../shared/body.ts';
import type { WalletCall } from './emulator.ts';
import { invalidParameters, invalidState, notFound, walletError } from './errors.ts';
import { bookTransaction, paymentEntry } from './ledger.ts';
import { isResponse } from './query.ts';
import { C, currencyOf, type TransactionRecord } from './records.ts';
import { owned } from './transactions.ts';

// A payment after confirm (spec §6.4): `confirmed` while its freeze runs, then `done`. Only a `confirmed`
// payment can be cancelled (full refund) or finalized (settled now, optionally lower; the difference goes
// back to the payer). Each payment lives inside its transaction record; `C.payments` maps id → key.

interface Found {
  record: TransactionRecord;
  payment: WalletPayment;
}

function ownedPayment(call: WalletCall, id: string): Found | SandboxResponse {
  const key = /^\d{1,15}$/.test(id) ? call.ctx.store.get<string>(C.payments, id) : undefined;
  if (key === undefined) return notFound('Payment');
  const record = owned(call, key);
  if (isResponse(record)) return notFound('Payment');
  const payment = record.tx.payments.find((p) => String(p.id) === id);
  return payment === undefined ? notFound('Payment') : { record, payment };
}

const notConfirmed = (p: WalletPayment, what: string): SandboxResponse =>
  invalidState(`Payment is ${p.status}; only a confirmed (frozen) payment can be ${what}`);

/** `GET /payment/{id}` (PHP `WalletClient::getPayment`). */
export function getPayment(call: WalletCall, id: string): SandboxResponse {
  const found = ownedPayment(call, id);
  return isResponse(found) ? found : { status: 200, body: found.payment };
}

/** `DELETE /payment/{id}`: cancels a confirmed payment; all of its money goes back to the payer. */
export function cancelPayment(call: WalletCall, id: string): SandboxResponse {
  const found = ownedPayment(call, id);
  if (isResponse(found)) return found;
  const { record, payment } = found;
  if (payment.status !== 'confirmed') return notConfirmed(payment, 'cancelled');
  settle(call, record, payment, 'canceled', 0);
  return { status: 200, body: payment };
}

/**
 * `PUT /payment/{id}/finalize [{price, currency} | {price_decimal, currency}]`: settles a confirmed payment
 * now at its price or a lower one (`done`). A higher price or another currency is a 400.
 */
export function finalizePayment(call: WalletCall, id: string): SandboxResponse {
  const found = ownedPayment(call, id);
  if (isResponse(found)) return found;
  const parsed = parseJsonBody(call.req.rawBody, FinalizePaymentInput.optional());
  if (!parsed.ok)
    return parsed.kind === 'malformed'
      ? walletError(400, 'invalid_request', parsed.message)
      : invalidParameters('Invalid final price', parsed.errors);
  const { record, payment } = found;
  if (payment.status !== 'confirmed') return notConfirmed(payment, 'finalized');
  const final = parsed.value === undefined ? payment.price : priceCents(parsed.value);
  if (parsed.value !== undefined && (parsed.value.currency !== payment.currency || final > payment.price))
    return invalidParameters('A final price may only lower the confirmed one', {
      price: [`must be ≤ ${payment.price} ${payment.currency} (the confirmed price), same currency`],
    });
  settle(call, record, payment, 'done', final);
  return { status: 200, body: payment };
}

function settle(
  call: WalletCall,
  record: TransactionRecord,
  payment: WalletPayment,
  status: 'done' | 'canceled',
  final: number,
): void {
  const refund = payment.price - final;
  call.ctx.store.transaction(() => {
    payment.status = status;
    payment.cancelable = false;
    if (status === 'done') {
      payment.price = final;
      payment.price_decimal = toDecimalString(final, payment.currency);
    }
    bookTransaction(call.ctx, record.tx.transaction_key, currencyOf(record), (e) => {
      const p = paymentEntry(e, payment.id);
      if (status === 'canceled') p.cancels++;
      else p.finalizes++;
      p.refunded += refund;
      e.refunded += refund;
    });
    call.ctx.store.put(C.transactions, record.tx.transaction_key, record);
  });
}
