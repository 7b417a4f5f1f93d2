// `medusa exec ./src/scripts/seed.ts`: a region (Austria, EUR, 20 % VAT) with Paysera enabled, a sales
// channel with a publishable key, and one product, so a storefront can check out at once.

import type { ExecArgs } from '@medusajs/framework/types';
import { Modules } from '@medusajs/framework/utils';
import {
  createApiKeysWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createTaxRegionsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
} from '@medusajs/medusa/core-flows';

export default async function seed({ container }: ExecArgs) {
  const [existing] = await container.resolve(Modules.REGION).listRegions({}, { take: 1 });
  if (existing) return;
  const { result: channels } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: 'Web shop' }] },
  });
  const { result: keys } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: 'Storefront', type: 'publishable', created_by: 'seed' }] },
  });
  const [channel, key] = [channels[0]!, keys[0]!];
  await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: key.id, add: [channel.id] } });
  const { result: regions } = await createRegionsWorkflow(container).run({
    input: {
      regions: [
        {
          name: 'Austria',
          currency_code: 'eur',
          countries: ['at'],
          payment_providers: ['pp_paysera_paysera'],
        },
      ],
    },
  });
  await createTaxRegionsWorkflow(container).run({
    input: [
      {
        country_code: 'at',
        provider_id: 'tp_system',
        default_tax_rate: { rate: 20, code: 'AT20', name: 'Normal' },
      },
    ],
  });
  await createProductsWorkflow(container).run({
    input: {
      products: [
        {
          title: 'Wiener Melange',
          status: 'published',
          options: [{ title: 'Size', values: ['Large'] }],
          variants: [
            {
              title: 'Large',
              options: { Size: 'Large' },
              manage_inventory: false,
              prices: [{ currency_code: 'eur', amount: 4.5 }],
            },
          ],
          sales_channels: [{ id: channel.id }],
        },
      ],
    },
  });
  console.log(`region ${regions[0]?.id}; publishable key ${key.token}`);
}
