// `medusa exec ./src/scripts/seed.ts`: a region (Austria, EUR, 20 % VAT) with Paysera enabled, a sales
// channel with a publishable key, a shipping option to Austria, three products and an admin user
// (admin@tillkit.example / tillkit-demo, for the admin API), so a storefront can check out at once.

import type { ExecArgs, MedusaContainer } from '@medusajs/framework/types';
import { ContainerRegistrationKeys, Modules } from '@medusajs/framework/utils';
import {
  createApiKeysWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createTaxRegionsWorkflow,
  createUsersWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
} from '@medusajs/medusa/core-flows';

export const ADMIN = { email: 'admin@tillkit.example', password: 'tillkit-demo' };

/** Tax-exclusive major units, as Medusa stores prices; the region adds 20 % VAT. */
const PRODUCTS = [
  { title: 'Wiener Melange', sku: 'MELANGE', description: 'Espresso, hot milk and milk foam.', price: 4.5 },
  { title: 'Sachertorte', sku: 'SACHER', description: 'A slice, with unsweetened cream.', price: 6.2 },
  { title: 'Mozartkugel box', sku: 'MOZART-6', description: 'Six pralines, to take home.', price: 12.9 },
];

export default async function seed({ container }: ExecArgs) {
  const [existing] = await container.resolve(Modules.REGION).listRegions({}, { take: 1 });
  if (existing) {
    const [option] = await container.resolve(Modules.FULFILLMENT).listShippingOptions({}, { take: 1 });
    // A shop seeded before the example shipped anything: it cannot complete a cart.
    if (!option)
      throw new Error(
        'This database was seeded by an older example (no shipping option): drop it, or set TK_MEDUSA_DATABASE',
      );
    return;
  }
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
  const profileId = await seedShipping(container, channel.id);
  await createProductsWorkflow(container).run({
    input: {
      products: PRODUCTS.map((p) => ({
        title: p.title,
        description: p.description,
        status: 'published' as const,
        shipping_profile_id: profileId,
        options: [{ title: 'Size', values: ['Standard'] }],
        variants: [
          {
            title: p.title,
            sku: p.sku,
            options: { Size: 'Standard' },
            manage_inventory: false,
            prices: [{ currency_code: 'eur', amount: p.price }],
          },
        ],
        sales_channels: [{ id: channel.id }],
      })),
    },
  });
  await seedAdmin(container);
  console.log(`region ${regions[0]?.id}; publishable key ${key.token}`);
}

/** A warehouse serving the channel, and a flat-rate delivery to Austria (3.90 + VAT). */
async function seedShipping(container: MedusaContainer, channelId: string): Promise<string> {
  const { result: profiles } = await createShippingProfilesWorkflow(container).run({
    input: { data: [{ name: 'Default', type: 'default' }] },
  });
  const { result: locations } = await createStockLocationsWorkflow(container).run({
    input: { locations: [{ name: 'Wien' }] },
  });
  const [profile, location] = [profiles[0]!, locations[0]!];
  await linkSalesChannelsToStockLocationWorkflow(container).run({
    input: { id: location.id, add: [channelId] },
  });
  const link = container.resolve(ContainerRegistrationKeys.LINK);
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_provider_id: 'manual_manual' },
  });
  const set = await container.resolve(Modules.FULFILLMENT).createFulfillmentSets({
    name: 'Delivery Austria',
    type: 'shipping',
    service_zones: [{ name: 'Austria', geo_zones: [{ country_code: 'at', type: 'country' }] }],
  });
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_set_id: set.id },
  });
  await createShippingOptionsWorkflow(container).run({
    input: [
      {
        name: 'Standard delivery',
        price_type: 'flat',
        provider_id: 'manual_manual',
        service_zone_id: set.service_zones[0]!.id,
        shipping_profile_id: profile.id,
        type: { label: 'Standard', description: 'Two to three days', code: 'standard-at' },
        prices: [{ currency_code: 'eur', amount: 3.9 }],
        rules: [
          { attribute: 'enabled_in_store', value: 'true', operator: 'eq' },
          { attribute: 'is_return', value: 'false', operator: 'eq' },
        ],
      },
    ],
  });
  return profile.id;
}

/** The admin user, as `medusa user -e … -p …` makes it (emailpass identity linked to the user). */
async function seedAdmin(container: MedusaContainer): Promise<void> {
  const { result: users } = await createUsersWorkflow(container).run({
    input: { users: [{ email: ADMIN.email }] },
  });
  const auth = container.resolve(Modules.AUTH);
  const { authIdentity, error } = await auth.register('emailpass', { body: ADMIN });
  if (error || !authIdentity) throw new Error(`admin user: ${error}`);
  await auth.updateAuthIdentities({ id: authIdentity.id, app_metadata: { user_id: users[0]!.id } });
}
