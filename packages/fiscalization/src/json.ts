import { parseJsonLossless } from '@tillkit/models';

// An integer JSON.parse can round has at least 16 digits (2^53 = 9007199254740992). Without such a run
// of digits anywhere in the text, the reviver would return every value unchanged: skip its cost.
const longDigitRun = /\d{16}/;

/** `parseJsonLossless`, with plain `JSON.parse` when the text holds no integer that could lose precision. */
export function parseFiskaltrustJson(text: string): unknown {
  return longDigitRun.test(text) ? parseJsonLossless(text) : JSON.parse(text);
}
