// fiskaltrust case, state and signature codes are uint64 JSON numbers that exceed 2^53, and journal
// ticks do too. JSON.parse rounds them silently, which hides error states (0x…EEEE_EEEE becomes
// 0x…EEEE_F000). Node 22 exposes the source text in revivers and JSON.rawJSON for writing, so ten
// lines do what a lossless-JSON dependency would.

interface ReviverContext {
  source?: string;
}
declare global {
  interface JSON {
    rawJSON(text: string): unknown;
  }
}

const integerText = /^-?\d+$/;
const numberText = /^(-)?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

const decimalBrand = Symbol.for('@tillkit/json-decimal');

/**
 * A JSON decimal a double cannot hold exactly (a .NET `decimal` such as -0.4363636363636363636363636364),
 * kept as its text so nothing is rounded on the way in or out. `text` is the number as the wire wrote it.
 */
export class JsonDecimal {
  readonly [decimalBrand] = true;
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
  /** The nearest double (for display; exact arithmetic should use `text`). */
  toNumber(): number {
    return Number(this.text);
  }
  toJSON(): unknown {
    return JSON.rawJSON(this.text);
  }
  toString(): string {
    return this.text;
  }
}

/** True for a {@link JsonDecimal}, also from another copy of this package. */
export function isJsonDecimal(value: unknown): value is JsonDecimal {
  return typeof value === 'object' && value !== null && decimalBrand in value;
}

/** Digits without leading/trailing zeros and the power of ten they are scaled by: the value, not the spelling. */
function canonical(text: string): string | undefined {
  const m = numberText.exec(text);
  if (!m) return undefined;
  const fraction = m[3] ?? '';
  let digits = `${m[2]}${fraction}`.replace(/^0+/, '');
  let exponent = Number(m[4] ?? 0) - fraction.length;
  if (digits === '') return '0';
  const trailing = /0+$/.exec(digits)?.[0].length ?? 0;
  digits = digits.slice(0, digits.length - trailing);
  exponent += trailing;
  return `${m[1] ?? ''}${digits}e${exponent}`;
}

/** A parsed number whose source text is a value the double does not hold exactly. */
function inexact(value: number, source: string): boolean {
  return !integerText.test(source) && canonical(source) !== canonical(String(value));
}
// An integer JSON.parse can round has at least 16 digits (2^53 = 9007199254740992), and a decimal it
// can round has at least 16 significant digits (every decimal of 15 round-trips through a double).
// Without such a run of digits anywhere in the text the reviver would return every value unchanged, so
// its cost (a good part of a fiskaltrust sign) is skipped.
// Decimals are counted across the point: 1234567.891234567 has 16 significant digits too.
const longDigitRun = /\d(?:\.?\d){15}/;

/**
 * JSON.parse that keeps every number exact: an integer beyond Number.MAX_SAFE_INTEGER as a bigint, a
 * decimal a double cannot hold (more than ~16 significant digits) as a {@link JsonDecimal}.
 */
export function parseJsonLossless(text: string): unknown {
  return longDigitRun.test(text) ? parseJsonReviving(text) : JSON.parse(text);
}

/** The reviver path of {@link parseJsonLossless}, on any text (exported for its equivalence test). */
export function parseJsonReviving(text: string): unknown {
  return JSON.parse(text, function (this: unknown, _key: string, value: unknown, context?: ReviverContext) {
    if (typeof value !== 'number' || Number.isSafeInteger(value) || !context?.source) return value;
    if (integerText.test(context.source)) return BigInt(context.source);
    return inexact(value, context.source) ? new JsonDecimal(context.source) : value;
  } as (key: string, value: unknown) => unknown);
}

/**
 * JSON.stringify that writes bigints as bare JSON numbers (never strings), so 64-bit codes round-trip;
 * a JsonDecimal writes its own text.
 */
export function stringifyJsonLossless(value: unknown, space?: number): string {
  return JSON.stringify(
    value,
    (_key, v: unknown) => (typeof v === 'bigint' ? JSON.rawJSON(v.toString()) : v),
    space,
  );
}
