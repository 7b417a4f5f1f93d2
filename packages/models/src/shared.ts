import { z } from 'zod';

/** A known value or any other string: typed for the values we know, tolerant of ones a newer API adds. */
export function openEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.union([z.enum(values), z.string().min(1)]) as unknown as z.ZodType<T[number] | (string & {})>;
}

/** ISO-8601 date-time string (`2025-01-02T10:00:00Z`, offsets and fractions allowed). */
export const IsoDateTime = z.iso.datetime({ offset: true });

/** A decimal amount as the wire writes it: a string like `"25.00"` (or a JSON number in requests). */
export const DecimalAmount = z.union([
  z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal number such as "25.00"'),
  z.number().finite(),
]);
