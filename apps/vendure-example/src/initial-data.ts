import { type InitialData, LanguageCode } from '@vendure/core';

export const initialData: InitialData = {
  defaultLanguage: LanguageCode.en,
  defaultZone: 'Europe',
  taxRates: [
    { name: 'Standard', percentage: 20 },
    { name: 'Reduced', percentage: 10 },
  ],
  shippingMethods: [
    { name: 'Pick-up at the counter', price: 0 },
    { name: 'Parcel', price: 490 },
  ],
  paymentMethods: [],
  countries: [{ name: 'Austria', code: 'AT', zone: 'Europe' }],
  collections: [],
};
