// The resolvers' argument schemas: what graphql's own types cannot say (ranges, lengths, wallet-safe text).
import { issuesFromZod } from '@tillkit/models';
import { z } from 'zod';
import { callerError } from './errors.ts';

// The description is shown in the customer's wallet next to the amount: text-direction overrides could make
// it read backwards or hide text, and an amount in it ("Total: 0.01 EUR") could contradict the real one.
const invisible = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
const currencies = new Set(Intl.supportedValuesOf('currency'));
const amountLike = (d: string): boolean =>
  /[€$£¥]\s*\d|\d\s*[€$£¥]/u.test(d) ||
  [...d.matchAll(/\d\s*([A-Za-z]{3})\b/g)].some((m) => currencies.has((m[1] ?? '').toUpperCase()));

export const StartCheckoutArgs = z.object({
  input: z.object({
    lines: z
      .array(
        z.object({
          productId: z.string(),
          quantity: z.number().int().min(1, 'must be at least 1').max(99, 'must be at most 99'),
        }),
      )
      .min(1, 'a checkout needs at least one line')
      .max(50, 'at most 50 lines')
      .nullish(),
    description: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(120, 'at most 120 characters')
      .refine((d) => !invisible.test(d), 'must not contain control or text-direction characters')
      .refine((d) => !amountLike(d), 'must not contain an amount (the wallet shows the real one)')
      .nullish(),
  }),
});

export const DocumentsArgs = z.object({
  filter: z
    .object({
      type: z.string().max(32).nullish(),
      fiscalDayNumber: z.number().int().min(0).nullish(),
      limit: z.number().int().min(1, 'must be at least 1').max(100, 'must be at most 100').nullish(),
    })
    .nullish(),
});

/** Parses resolver arguments; BAD_USER_INPUT naming every field that fails. */
export function parseArgs<T>(schema: z.ZodType<T>, args: unknown): T {
  const r = schema.safeParse(args);
  if (r.success) return r.data;
  const issues = issuesFromZod(r.error).map((i) => ({ field: i.path, message: i.message }));
  throw callerError(
    'BAD_USER_INPUT',
    `Invalid input: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`,
    { field: issues[0]?.field ?? '', issues },
  );
}
