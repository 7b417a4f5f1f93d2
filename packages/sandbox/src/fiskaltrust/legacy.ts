import { Country, VERSION_2 } from '@tillkit/models';
import type { FiskaltrustCountry } from './types.ts';

// Legacy (v0/v1) receipt cases sent to /v2/sign: the vendor's local POS System API passes a case without
// the v2 version nibble to the market's v1 queue unmapped (spec §5.1, MappingFactory.ConvertV2ToV1Request).
// The sandbox's queue runs on v2 cases, so it reads the v0 case as the v2 case the migration guide maps
// onto it (fiskaltrust/docs possystem-api/migration-guide.md, tables 2 and 5), and then behaves as for that.

/** v0 receipt type (low 16 bits) → the v2 case, per market. The guide maps several v2 cases onto one v0. */
const AT = new Map<bigint, bigint>([
  [0x0n, 0x0000n],
  [0x1n, 0x0001n],
  [0x2n, 0x2000n],
  [0x3n, 0x4001n],
  [0x4n, 0x4002n],
  [0x5n, 0x2012n],
  [0x6n, 0x2013n],
  [0x7n, 0x0003n],
  [0x8n, 0x1000n],
  [0x9n, 0x0005n],
  [0xan, 0x0002n],
  [0xbn, 0x0002n],
  [0xcn, 0x0002n],
  [0xdn, 0x3000n],
  [0xen, 0x3003n],
  [0xfn, 0x0004n],
  [0x10n, 0x0001n],
]);
const DE = new Map<bigint, bigint>([
  [0x0n, 0x0000n],
  [0x1n, 0x0001n],
  [0x2n, 0x2000n],
  [0x3n, 0x4001n],
  [0x4n, 0x4002n],
  [0x5n, 0x2012n],
  [0x6n, 0x2013n],
  [0x7n, 0x2011n],
  [0x8n, 0x3001n],
  [0x9n, 0x3001n],
  [0xan, 0x3001n],
  [0xbn, 0x3001n],
  [0xcn, 0x1002n],
  [0xdn, 0x1001n],
  [0xen, 0x1000n],
  [0xfn, 0x0005n],
  [0x10n, 0x3004n],
  [0x11n, 0x0002n],
  [0x12n, 0x3003n],
  [0x13n, 0x3000n],
  [0x14n, 0x3001n],
  [0x15n, 0x0003n],
  [0x16n, 0x0003n],
]);
/** DE v0 with the implicit-flow bit: 0x10 / 0x11 are the SCU switch, not order / payment transfer. */
const DE_IMPLICIT = new Map<bigint, bigint>([
  [0x10n, 0x4011n],
  [0x11n, 0x4012n],
]);
const DE_IMPLICIT_FLAG = 0x0001_0000_0000n;
/** v0's ReceiptRequest flag sits at bit 47 (the guide's `0xoooo_8ooo_…`), v2's at bit 31. */
const V0_RECEIPT_REQUEST = 0x0000_8000_0000_0000n;
/** Late signing, training, void and handwritten keep their place between v0 and v2. */
const SHARED_FLAGS = 0x000f_0000n;

/** True for a case without the v2 version nibble (v0/v1). */
export function isLegacyCase(code: bigint): boolean {
  return (code & (0xfn << 44n)) !== VERSION_2;
}

/**
 * The v2 case a legacy receipt case stands for on this market's queue, or undefined when the market has
 * no such v0 case (IT has no v0 receipt cases in the guide).
 */
export function legacyAsV2(code: bigint, country: FiskaltrustCountry): bigint | undefined {
  const type = code & 0xffffn;
  const table = country === 'AT' ? AT : country === 'DE' ? DE : undefined;
  const implicit = country === 'DE' && (code & DE_IMPLICIT_FLAG) !== 0n ? DE_IMPLICIT.get(type) : undefined;
  const kind = implicit ?? table?.get(type);
  if (kind === undefined) return undefined;
  const receiptRequest = (code & V0_RECEIPT_REQUEST) !== 0n ? 0x8000_0000n : 0n;
  return (Country[country] << 48n) | VERSION_2 | (code & SHARED_FLAGS) | receiptRequest | kind;
}
