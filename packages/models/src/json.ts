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
// An integer JSON.parse can round has at least 16 digits (2^53 = 9007199254740992). Without such a run
// of digits anywhere in the text the reviver would return every value unchanged, so its cost (a good
// part of a fiskaltrust sign) is skipped.
const longDigitRun = /\d{16}/;

/** JSON.parse that keeps every integer beyond Number.MAX_SAFE_INTEGER exact, as a bigint. */
export function parseJsonLossless(text: string): unknown {
  return longDigitRun.test(text) ? parseJsonReviving(text) : JSON.parse(text);
}

/** The reviver path of {@link parseJsonLossless}, on any text (exported for its equivalence test). */
export function parseJsonReviving(text: string): unknown {
  return JSON.parse(text, function (this: unknown, _key: string, value: unknown, context?: ReviverContext) {
    if (
      typeof value === 'number' &&
      !Number.isSafeInteger(value) &&
      context?.source &&
      integerText.test(context.source)
    ) {
      return BigInt(context.source);
    }
    return value;
  } as (key: string, value: unknown) => unknown);
}

/** JSON.stringify that writes bigints as bare JSON numbers (never strings), so 64-bit codes round-trip. */
export function stringifyJsonLossless(value: unknown, space?: number): string {
  return JSON.stringify(
    value,
    (_key, v: unknown) => (typeof v === 'bigint' ? JSON.rawJSON(v.toString()) : v),
    space,
  );
}
