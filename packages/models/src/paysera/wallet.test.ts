import { describe, expect, it } from 'vitest';
import { isTillKitError } from '../errors.ts';
import { parseOrThrow } from '../parse.ts';
import { CreateTransactionInput, Spot, Transaction, WalletPayment } from './wallet.ts';
import { ConfirmPricesInput, FinalizePaymentInput, priceCents } from './wallet-money.ts';

// Built from Paysera's own clients: PHP `Mapper::decodePayment` / `decodeTransaction` / `decodeSpotInfo`
// read only six payment fields unconditionally and guard the rest with isset; `encodeTransaction` /
// `encodePayment` write the create body below; Java `PlaceInfo.locationId` is a nullable Integer and
// Swift's `PSSpotPlace` has no location at all.

/** A payment with only the fields PHP's decodePayment requires. */
const minimalPayment = {
  id: 2987,
  transaction_key: 'pDAlAZ3z',
  created_at: 1355314332,
  status: 'confirmed',
  price_decimal: '19.99',
  currency: 'EUR',
};

/** What PHP's encodeTransaction sends for one payment with a freeze and a reservation period. */
const phpCreateBody = {
  payments: [
    {
      description: 'Payment for order #1234',
      price_decimal: '19.99',
      currency: 'EUR',
      freeze_for: 48,
      parameters: { orderid: 1234 },
    },
  ],
  reserve_for: 2,
  use_allowance: true,
  suggest_allowance: false,
  auto_confirm: false,
  callback_uri: 'https://shop.example/callback',
};

const fails = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (e) {
    if (isTillKitError(e)) return e.issues.map((i) => i.path);
    throw e;
  }
  return expect.unreachable('accepted');
};

describe('Wallet responses accept what Paysera may send', () => {
  it('reads a payment with only its six required fields, taking cents exactly from price_decimal', () => {
    const payment = parseOrThrow(WalletPayment, minimalPayment, 'payment');
    expect(payment.price).toBe(1999);
    expect(payment.description).toBeUndefined();
  });

  it('keeps the cents the server sent and reads a price_decimal sent as a JSON number', () => {
    expect(parseOrThrow(WalletPayment, { ...minimalPayment, price: 1999 }, 'p').price).toBe(1999);
    expect(parseOrThrow(WalletPayment, { ...minimalPayment, price_decimal: 0.1 }, 'p').price).toBe(10);
  });

  it('names price_decimal when it has more decimals than the currency and no cents were sent', () => {
    expect(
      fails(() => parseOrThrow(WalletPayment, { ...minimalPayment, price_decimal: '1.999' }, 'p')),
    ).toEqual(['price_decimal']);
  });

  it('reads the freeze, cancelable and payment statuses done and canceled', () => {
    const frozen = {
      ...minimalPayment,
      freeze: { for: 172800 },
      freeze_for: 48,
      freeze_until: 1355487132,
      cancelable: true,
    };
    expect(parseOrThrow(WalletPayment, frozen, 'p')).toMatchObject({ freeze_for: 48, cancelable: true });
    for (const status of ['done', 'canceled'])
      expect(parseOrThrow(WalletPayment, { ...minimalPayment, status }, 'p').status).toBe(status);
  });

  it('reads a transaction without payments as having none', () => {
    const tx = parseOrThrow(Transaction, { transaction_key: 'k1', created_at: 1, status: 'new' }, 'tx');
    expect(tx.payments).toEqual([]);
  });

  it('reads a spot whose place info has no location id, or a null one', () => {
    const spot = { id: 15, status: 'waiting', identifier: 'table1', place_info: { title: 'Cafe' } };
    expect(parseOrThrow(Spot, spot, 'spot').place_info?.location_id).toBeUndefined();
    const nullLocation = { ...spot, place_info: { title: 'Cafe', location_id: null } };
    expect(parseOrThrow(Spot, nullLocation, 'spot').place_info?.location_id).toBeNull();
  });
});

describe('Wallet requests stay strict', () => {
  it("accepts the official PHP client's create-transaction body", () => {
    expect(parseOrThrow(CreateTransactionInput, phpCreateBody, 'tx').payments[0]?.freeze_for).toBe(48);
  });

  it('wants exactly one of price and price_decimal, and cents-exact decimals', () => {
    const payment = phpCreateBody.payments[0] as Record<string, unknown>;
    const body = (p: Record<string, unknown>) => ({ payments: [p] });
    expect(
      fails(() => parseOrThrow(CreateTransactionInput, body({ ...payment, price: 1999 }), 'tx')),
    ).toEqual(['payments.0.price']);
    const { price_decimal: _, ...noPrice } = payment;
    expect(fails(() => parseOrThrow(CreateTransactionInput, body(noPrice), 'tx'))).toEqual([
      'payments.0.price',
    ]);
    expect(
      fails(() => parseOrThrow(CreateTransactionInput, body({ ...payment, price_decimal: '19.999' }), 'tx')),
    ).toEqual(['payments.0.price_decimal']);
  });

  it('refuses reserve_for together with reserve_until, a fractional freeze, and unknown keys', () => {
    expect(
      fails(() =>
        parseOrThrow(CreateTransactionInput, { ...phpCreateBody, reserve_until: 1700000000 }, 'tx'),
      ),
    ).toEqual(['reserve_until']);
    const fractional = { ...phpCreateBody, payments: [{ ...phpCreateBody.payments[0], freeze_for: 1.5 }] };
    expect(fails(() => parseOrThrow(CreateTransactionInput, fractional, 'tx'))).toEqual([
      'payments.0.freeze_for',
    ]);
    expect(
      fails(() => parseOrThrow(CreateTransactionInput, { ...phpCreateBody, reserve: { for: 60 } }, 'tx')),
    ).toEqual(['']);
  });

  it("reads confirm prices as PHP's encodeTransactionPrices writes them, and its empty []", () => {
    expect(parseOrThrow(ConfirmPricesInput, { '2987': { price: 1500, currency: 'EUR' } }, 'prices')).toEqual({
      '2987': { price: 1500, currency: 'EUR' },
    });
    expect(parseOrThrow(ConfirmPricesInput, [], 'prices')).toEqual({});
    expect(
      fails(() => parseOrThrow(ConfirmPricesInput, { abc: { price: 1, currency: 'EUR' } }, 'p')),
    ).toEqual(['abc']);
  });

  it('takes a final price in cents or as price_decimal, never both, never negative', () => {
    expect(
      priceCents(parseOrThrow(FinalizePaymentInput, { price_decimal: '7.5', currency: 'EUR' }, 'f')),
    ).toBe(750);
    expect(priceCents(parseOrThrow(FinalizePaymentInput, { price: 750, currency: 'EUR' }, 'f'))).toBe(750);
    expect(
      fails(() =>
        parseOrThrow(FinalizePaymentInput, { price: 750, price_decimal: '7.50', currency: 'EUR' }, 'f'),
      ),
    ).toEqual(['price']);
    expect(fails(() => parseOrThrow(FinalizePaymentInput, { price: -1, currency: 'EUR' }, 'f'))).toEqual([
      'price',
    ]);
  });
});
