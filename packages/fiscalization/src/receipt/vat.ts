import { TillKitError, VatClass } from '@tillkit/models';

/** Countries the receipt builder supports. */
export type ReceiptCountry = 'AT' | 'DE' | 'IT';

// Statutory VAT rates per country (percent → fiskaltrust VAT class). AT: 20 normal, 10 and 13
// reduced; DE: 19 normal, 7 reduced; IT: 22 normal, 10 and 5 reduced, 4 super-reduced.
const rates: Record<ReceiptCountry, ReadonlyMap<number, bigint>> = {
  AT: new Map([
    [20, VatClass.Normal],
    [10, VatClass.Discounted1],
    [13, VatClass.Discounted2],
    [0, VatClass.Zero],
  ]),
  DE: new Map([
    [19, VatClass.Normal],
    [7, VatClass.Discounted1],
    [0, VatClass.Zero],
  ]),
  IT: new Map([
    [22, VatClass.Normal],
    [10, VatClass.Discounted1],
    [5, VatClass.Discounted2],
    [4, VatClass.SuperReduced1],
    [0, VatClass.Zero],
  ]),
};

/** The VAT rates (percent) a country's receipts may carry. */
export function supportedVatRates(country: ReceiptCountry): number[] {
  return [...rates[country].keys()];
}

/** The fiskaltrust VAT class of a rate, or a VALIDATION_FAILED naming the field and the allowed rates. */
export function vatClassFor(country: ReceiptCountry, ratePercent: number, path: string): bigint {
  const vatClass = rates[country].get(ratePercent);
  if (vatClass === undefined) {
    const allowed = supportedVatRates(country).join(', ');
    throw new TillKitError(
      'VALIDATION_FAILED',
      `VAT rate ${ratePercent}% is not a ${country} rate (${allowed})`,
      {
        issues: [{ path, message: `must be one of ${allowed}` }],
      },
    );
  }
  return vatClass;
}
