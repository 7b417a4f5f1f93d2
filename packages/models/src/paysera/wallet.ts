import { z } from 'zod';
import { CurrencyCode, MinorUnits } from '../money.ts';
import { openEnum } from '../shared.ts';

// Paysera Wallet API (/rest/v1, MAC auth). snake_case, UNIX-second timestamps, amounts in cents
// Request bodies are strict: an unknown key (a typo such as `reserveFor`) is an error, not silently dropped.
// (`price`), optional fields omitted rather than null. Response objects are loose: unknown fields kept.

const UnixSeconds = z.number().int().nonnegative();

export const SpotStatus = ['free', 'waiting', 'busy', 'closed'] as const;
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

export const WalletPayment = z.looseObject({
  id: z.number().int().optional(),
  transaction_key: z.string().optional(),
  created_at: UnixSeconds.optional(),
  status: z.string().optional(),
  price: MinorUnits,
  price_decimal: z.string().optional(),
  currency: CurrencyCode,
  description: z.string(),
  parameters: z.record(z.string(), z.unknown()).optional(),
});
export type WalletPayment = z.infer<typeof WalletPayment>;

export const Transaction = z.looseObject({
  transaction_key: z.string().min(1),
  created_at: UnixSeconds,
  status: openEnum(TransactionStatus),
  type: z.string().optional(),
  wallet: z.number().int().optional(),
  confirmed_at: UnixSeconds.optional(),
  reserve: z.looseObject({ for: z.number().int().optional(), until: UnixSeconds.optional() }).optional(),
  auto_confirm: z.boolean().optional(),
  redirect_uri: z.string().optional(),
  callback_uri: z.union([z.string(), z.literal(false)]).optional(),
  project_id: z.number().int().optional(),
  location_id: z.number().int().optional(),
  payments: z.array(WalletPayment),
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
  location_id: z.number().int(),
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

/** One payment in `POST /transaction`: a description, a price in cents and a currency. */
export const CreatePaymentInput = z.strictObject({
  description: z.string().min(1).max(255),
  price: MinorUnits.refine((n) => n > 0, 'must be a positive number of cents'),
  currency: CurrencyCode,
  parameters: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

/** Body of `POST /transaction`. */
export const CreateTransactionInput = z.strictObject({
  payments: z.array(CreatePaymentInput).min(1, 'a transaction needs at least one payment'),
  reserve_for: z.number().int().positive().optional(),
  auto_confirm: z.boolean().optional(),
  redirect_uri: z.url().optional(),
  callback_uri: z.union([z.url(), z.literal(false)]).optional(),
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
