import { z } from 'zod';
import { CurrencyCode, fromDecimal, MinorUnits } from '../money.ts';
import { DecimalAmount, openEnum } from '../shared.ts';

// Paysera Wallet API (/rest/v1, MAC auth). snake_case, UNIX-second timestamps, amounts in cents
// Request bodies are strict: an unknown key (a typo such as `reserveFor`) is an error, not silently dropped.
// (`price`), optional fields omitted rather than null. Response objects are loose: unknown fields kept.

const UnixSeconds = z.number().int().nonnegative();

/**
 * Spot statuses in Paysera's words: `free` (a spot the user "selects", /en/wallet/app/pos), `waiting`
 * (checked in; classic docs and Java `Spot.STATUS_WAITING`), `active` (an order attached), and Java's
 * `open` / `closed`. Parsed as an open set: an unknown status never breaks polling.
 */
export const SpotStatus = ['free', 'waiting', 'active', 'open', 'closed'] as const;
export const SpotOrderStatus = ['pending', 'reserved', 'confirmed', 'closed'] as const;
export const TransactionStatus = [
  'new',
  'waiting',
  'waiting_registration',
  'waiting_funds',
  'reserved',
  'deleted',
  'rejected',
  'revoked',
  'failed',
  'confirmed',
] as const;
export type TransactionStatus = (typeof TransactionStatus)[number];

/** Payment statuses (PHP `Entity/Payment.php`): the transaction's plus `done` (settled) and `canceled` (refunded). */
export const PaymentStatus = [
  'new',
  'waiting',
  'waiting_registration',
  'reserved',
  'deleted',
  'rejected',
  'revoked',
  'failed',
  'confirmed',
  'done',
  'canceled',
] as const;
export type PaymentStatus = (typeof PaymentStatus)[number];

/** `freeze` / `reserve` as the API echoes them: `for` in seconds, `until` a UNIX time. */
const Period = z.looseObject({
  for: z.number().int().nonnegative().optional(),
  until: UnixSeconds.optional(),
});

// PHP `Mapper::decodePayment` reads id, transaction_key, created_at, status, price_decimal and currency
// unconditionally and everything else only `if (isset(...))`: those six are the payment's required fields.
const WalletPaymentFields = z.looseObject({
  id: z.number().int(),
  transaction_key: z.string().min(1),
  created_at: UnixSeconds,
  status: openEnum(PaymentStatus),
  price: MinorUnits.optional(),
  price_decimal: DecimalAmount,
  currency: CurrencyCode,
  description: z.string().optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
  confirmed_at: UnixSeconds.optional(),
  /** Freeze as the newer API writes it (`for` in seconds). */
  freeze: Period.optional(),
  /** Freeze in hours (PHP's legacy field). */
  freeze_for: z.number().int().nonnegative().optional(),
  /** When a confirmed payment's freeze ends and it becomes `done`. */
  freeze_until: UnixSeconds.optional(),
  /** Java `Payment.cancelable`: true while `DELETE /payment/{id}` can still refund it. */
  cancelable: z.boolean().optional(),
  wallet: z.number().int().optional(),
});

/**
 * A Wallet payment as the API returns it. `price` (cents) is optional on the wire, `price_decimal` is not;
 * the parsed value always carries `price`, taken exactly from `price_decimal` when absent, so TillKit
 * works in integer minor units whichever of the two the server sent.
 */
export const WalletPayment = WalletPaymentFields.transform((p, ctx) => {
  if (p.price !== undefined) return { ...p, price: p.price };
  try {
    return { ...p, price: fromDecimal(p.price_decimal, p.currency) };
  } catch {
    ctx.addIssue({ code: 'custom', path: ['price_decimal'], message: `not a ${p.currency} amount` });
    return z.NEVER;
  }
});
export type WalletPayment = z.infer<typeof WalletPayment>;

export const Transaction = z.looseObject({
  transaction_key: z.string().min(1),
  created_at: UnixSeconds,
  status: openEnum(TransactionStatus),
  type: z.string().optional(),
  wallet: z.number().int().optional(),
  confirmed_at: UnixSeconds.optional(),
  reserve: Period.optional(),
  auto_confirm: z.boolean().optional(),
  redirect_uri: z.string().optional(),
  callback_uri: z.union([z.string(), z.literal(false)]).optional(),
  project_id: z.number().int().optional(),
  location_id: z.number().int().optional(),
  // PHP decodes `payments` only `if (isset(...))`, keeping its empty default otherwise.
  payments: z.array(WalletPayment).default([]),
});
export type Transaction = z.infer<typeof Transaction>;

export const SpotOrder = z.looseObject({
  id: z.number().int(),
  transaction_key: z.string().min(1),
  status: openEnum(SpotOrderStatus),
  user_id: z.string().optional(),
  transaction: Transaction.optional(),
});
export type SpotOrder = z.infer<typeof SpotOrder>;

export const PlaceInfo = z.looseObject({
  title: z.string().optional(),
  description: z.string().optional(),
  address: z.string().optional(),
  logo_uri: z.string().optional(),
  // Absent in Swift's PSSpotPlace, nullable in Java's PlaceInfo, `isset`-guarded in PHP's decodeSpotInfo.
  location_id: z.number().int().nullish(),
});

export const Spot = z.looseObject({
  id: z.number().int(),
  status: openEnum(SpotStatus),
  identifier: z.string().min(1),
  place_info: PlaceInfo.optional(),
  orders: z.array(SpotOrder).optional(),
});
export type Spot = z.infer<typeof Spot>;

export const Location = z.looseObject({
  id: z.number().int(),
  project_id: z.number().int().optional(),
  title: z.string(),
  description: z.string().optional(),
  address: z.string().optional(),
  lat: z.number().optional(),
  lng: z.number().optional(),
  radius: z.number().optional(),
  updated_at: UnixSeconds.optional(),
  status: openEnum(['active', 'inactive']).optional(),
  public: z.boolean().optional(),
  spots: z.array(Spot).optional(),
});
export type Location = z.infer<typeof Location>;

export const ListMetadata = z.looseObject({
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  limit: z.number().int().positive(),
});

export const SpotList = z.looseObject({ spots: z.array(Spot), _metadata: ListMetadata.optional() });
export type SpotList = z.infer<typeof SpotList>;
export const TransactionList = z.looseObject({ transactions: z.array(Transaction), _metadata: ListMetadata });
export type TransactionList = z.infer<typeof TransactionList>;
export const LocationList = z.looseObject({ locations: z.array(Location), _metadata: ListMetadata });
export type LocationList = z.infer<typeof LocationList>;
export const ServerTime = z.looseObject({ time: UnixSeconds });

// Requests. The fields are the ones Paysera's official PHP client sends (`Mapper::encodeTransaction`,
// `encodePayment`), plus `price` in cents as the guides send it. Durations follow PHP's legacy flat form,
// in hours (`Entity/Transaction::setReserveFor`, `Entity/Payment::setFreezeFor`: "in hours"); the
// newer nested `reserve: {for}` / `freeze: {for}` objects (seconds) are not sent by any official client.

const Hours = z.number().int().nonnegative();
const PositiveDecimal = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'must be a decimal string such as "25.99"')
  .refine((s) => /[1-9]/.test(s), 'must be positive');

/**
 * One payment in `POST /transaction`: a description, a price (exactly one of `price` in cents or PHP's
 * `price_decimal`) and a currency; optionally `freeze_for` hours, during which a confirmed payment can
 * still be cancelled (full refund) or finalized lower (partial refund).
 */
export const CreatePaymentInput = z
  .strictObject({
    description: z.string().min(1).max(255),
    price: MinorUnits.refine((n) => n > 0, 'must be a positive number of cents').optional(),
    price_decimal: PositiveDecimal.optional(),
    currency: CurrencyCode,
    parameters: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    /** Hours the merchant's money stays frozen (refundable) after confirm. @default 0 */
    freeze_for: Hours.optional(),
  })
  .superRefine((p, ctx) => {
    if ((p.price === undefined) === (p.price_decimal === undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['price'],
        message: 'give exactly one of price or price_decimal',
      });
    else if (p.price_decimal !== undefined && CurrencyCode.safeParse(p.currency).success) {
      try {
        fromDecimal(p.price_decimal, p.currency);
      } catch {
        ctx.addIssue({
          code: 'custom',
          path: ['price_decimal'],
          message: `too many decimals for ${p.currency}`,
        });
      }
    }
  });
export type CreatePaymentInput = z.infer<typeof CreatePaymentInput>;

/** Body of `POST /transaction`. */
export const CreateTransactionInput = z
  .strictObject({
    payments: z.array(CreatePaymentInput).min(1, 'a transaction needs at least one payment'),
    /** Hours the payer's reservation waits for the merchant's confirm (PHP `setReserveFor`). */
    reserve_for: Hours.refine((n) => n > 0, 'must be at least one hour').optional(),
    /** UNIX time the reservation ends; not together with `reserve_for`. */
    reserve_until: UnixSeconds.optional(),
    /** PHP always sends both (defaults true / false). */
    use_allowance: z.boolean().optional(),
    suggest_allowance: z.boolean().optional(),
    /** Confirm as soon as the payer reserves. Paysera's default is false. */
    auto_confirm: z.boolean().optional(),
    redirect_uri: z.url().optional(),
    callback_uri: z.union([z.url(), z.literal(false)]).optional(),
  })
  .refine((t) => t.reserve_for === undefined || t.reserve_until === undefined, {
    path: ['reserve_until'],
    message: 'give only one of reserve_for and reserve_until',
  });
export type CreateTransactionInput = z.infer<typeof CreateTransactionInput>;

/** Body of `POST /spot/{id}/order`. */
export const CreateSpotOrderInput = z.strictObject({ transaction_key: z.string().min(1) });

/** Wallet error body: `{error, error_description?, ...}`. */
export const WalletErrorBody = z.looseObject({
  error: z.string().min(1),
  error_description: z.string().optional(),
  error_uri: z.string().optional(),
  error_properties: z.record(z.string(), z.unknown()).optional(),
});
export type WalletErrorBody = z.infer<typeof WalletErrorBody>;

/** The static spot QR: `PAYSERA*{locationId}:{identifier}`. */
export interface SpotCode {
  locationId: number;
  identifier: string;
}

const spotCodePattern = /^PAYSERA\*(\d+):([^\s:]+)$/;

/** Parses `PAYSERA*9975:table1`; returns undefined for anything else. */
export function parseSpotCode(code: string): SpotCode | undefined {
  const m = spotCodePattern.exec(code.trim());
  return m ? { locationId: Number(m[1]), identifier: m[2] as string } : undefined;
}

export function formatSpotCode(code: SpotCode): string {
  return `PAYSERA*${code.locationId}:${code.identifier}`;
}
