import { type FtAmount, VatClass, VERSION_2 } from '@tillkit/models';

// Which tax bucket a charge item's amount goes to: Austria's five RKSV buckets (the receipt QR) and
// Germany's five DSFinV-K VAT slots (the TSE process data `Beleg^a_b_c_d_e^…`). A v2 item names its VAT
// class in the case's low nibble; an item without one (class 0, or a legacy v0 case) goes by its rate.

/** Charge totals per RKSV VAT bucket. */
export interface VatBuckets {
  normal: bigint;
  reduced1: bigint;
  reduced2: bigint;
  zero: bigint;
  special: bigint;
}

/** Index into the DSFinV-K slots: 19 %, 7 %, 10.7 %, 5.5 %, 0 %. */
export type DsfinvkSlot = 0 | 1 | 2 | 3 | 4;

function vatClassOf(chargeItemCase: bigint | undefined): bigint {
  const code = chargeItemCase ?? 0n;
  return code !== 0n && (code & (0xfn << 44n)) !== VERSION_2 ? VatClass.Unknown : code & 0xfn;
}

const atByRate: Record<string, keyof VatBuckets> = {
  '20': 'normal',
  '10': 'reduced1',
  '13': 'reduced2',
  '0': 'zero',
};

export function rksvBucket(chargeItemCase: bigint | undefined, vatRate: FtAmount): keyof VatBuckets {
  switch (vatClassOf(chargeItemCase)) {
    case VatClass.Normal:
      return 'normal';
    case VatClass.Discounted1:
      return 'reduced1';
    case VatClass.Discounted2:
      return 'reduced2';
    case VatClass.Zero:
    case VatClass.NotTaxable:
      return 'zero';
    case VatClass.Unknown:
      return atByRate[String(Number(vatRate))] ?? 'special';
    default:
      return 'special';
  }
}

const deByRate: Record<string, DsfinvkSlot> = { '19': 0, '7': 1, '10.7': 2, '5.5': 3 };

/**
 * The DSFinV-K slot, as the DE queue fills it (fiskaltrust/middleware QueueDE
 * `ReceiptRequestExtensions.GetReceiptTaxes`, reached through the migration guide's DE ftChargeItemCase v2 → v0 table):
 * normal → 19 %, discounted1 → 7 %, super-reduced 1/2 → 10.7 % / 5.5 %, everything else → 0 %.
 */
export function dsfinvkSlot(chargeItemCase: bigint | undefined, vatRate: FtAmount): DsfinvkSlot {
  switch (vatClassOf(chargeItemCase)) {
    case VatClass.Normal:
      return 0;
    case VatClass.Discounted1:
      return 1;
    case VatClass.SuperReduced1:
      return 2;
    case VatClass.SuperReduced2:
      return 3;
    case VatClass.Unknown:
      return deByRate[String(Number(vatRate))] ?? 4;
    default:
      return 4;
  }
}
