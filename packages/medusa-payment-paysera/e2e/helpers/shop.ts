// A small shop on the real Medusa app: sales channel, publishable key, a region per currency with the
// Paysera providers, VAT, one shipping option and one product; then the store API calls a storefront makes.

import type { MedusaContainer } from '@medusajs/framework/types';
import { ContainerRegistrationKeys, generateJwtToken, Modules } from '@medusajs/framework/utils';
import {
  createApiKeysWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createTaxRegionsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
} from '@medusajs/medusa/core-flows';

export interface Market {
  regionId: string;
  variantId: string;
  optionId: string;
}

export interface Shop {
  storeHeaders: { headers: Record<string, string> };
  adminHeaders: { headers: Record<string, string> };
  markets: Record<string, Market>;
}

type Api = {
  get(url: string, config?: unknown): Promise<{ status: number; data: any }>;
  post(url: string, body?: unknown, config?: unknown): Promise<{ status: number; data: any }>;
  delete(url: string, config?: unknown): Promise<{ status: number; data: any }>;
};

/** Prices are tax-exclusive major units: EUR 10.00 + 20 % VAT, shipping 5.00 + 20 %; JPY 1000 + 10 %. */
export async function seedShop(container: MedusaContainer): Promise<Shop> {
  const { result: channels } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: 'Web' }] },
  });
  const channel = channels[0]!;
  const { result: keys } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: 'storefront', type: 'publishable', created_by: 'e2e' }] },
  });
  const key = keys[0]!;
  await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: key.id, add: [channel.id] } });
  const { result: profiles } = await createShippingProfilesWorkflow(container).run({
    input: { data: [{ name: 'Default', type: 'default' }] },
  });
  const profile = profiles[0]!;
  const { result: locations } = await createStockLocationsWorkflow(container).run({
    input: { locations: [{ name: 'Warehouse' }] },
  });
  const location = locations[0]!;
  await linkSalesChannelsToStockLocationWorkflow(container).run({
    input: { id: location.id, add: [channel.id] },
  });
  const link = container.resolve(ContainerRegistrationKeys.LINK);
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_provider_id: 'manual_manual' },
  });
  const markets: Record<string, Market> = {};
  for (const m of [
    { currency: 'eur', country: 'at', vat: 20, price: 10, shipping: 5 },
    { currency: 'jpy', country: 'jp', vat: 10, price: 1000, shipping: 500 },
  ]) {
    const { result: regions } = await createRegionsWorkflow(container).run({
      input: {
        regions: [
          {
            name: m.country,
            currency_code: m.currency,
            countries: [m.country],
            payment_providers: ['pp_paysera_paysera', 'pp_paysera_manual'],
          },
        ],
      },
    });
    const region = regions[0]!;
    await createTaxRegionsWorkflow(container).run({
      input: [
        {
          country_code: m.country,
          provider_id: 'tp_system',
          default_tax_rate: { rate: m.vat, code: 'STD', name: 'Standard' },
        },
      ],
    });
    const fulfillment = container.resolve(Modules.FULFILLMENT);
    const set = await fulfillment.createFulfillmentSets({
      name: `delivery-${m.country}`,
      type: 'shipping',
      service_zones: [{ name: m.country, geo_zones: [{ country_code: m.country, type: 'country' }] }],
    });
    await link.create({
      [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
      [Modules.FULFILLMENT]: { fulfillment_set_id: set.id },
    });
    const { result: options } = await createShippingOptionsWorkflow(container).run({
      input: [
        {
          name: 'Standard',
          price_type: 'flat',
          provider_id: 'manual_manual',
          service_zone_id: set.service_zones[0]!.id,
          shipping_profile_id: profile.id,
          type: { label: 'Standard', description: 'Standard', code: `standard-${m.country}` },
          prices: [{ currency_code: m.currency, amount: m.shipping }],
          rules: [
            { attribute: 'enabled_in_store', value: 'true', operator: 'eq' },
            { attribute: 'is_return', value: 'false', operator: 'eq' },
          ],
        },
      ],
    });
    const { result: products } = await createProductsWorkflow(container).run({
      input: {
        products: [
          {
            title: `Melange ${m.currency}`,
            status: 'published',
            shipping_profile_id: profile.id,
            options: [{ title: 'Size', values: ['Large'] }],
            variants: [
              {
                title: 'Large',
                sku: `MEL-${m.currency}`,
                options: { Size: 'Large' },
                manage_inventory: false,
                prices: [{ currency_code: m.currency, amount: m.price }],
              },
            ],
            sales_channels: [{ id: channel.id }],
          },
        ],
      },
    });
    markets[m.currency] = {
      regionId: region.id,
      variantId: products[0]!.variants[0]!.id,
      optionId: options[0]!.id,
    };
  }
  return {
    storeHeaders: { headers: { 'x-publishable-api-key': key.token } },
    adminHeaders: await adminHeaders(container),
    markets,
  };
}

async function adminHeaders(container: MedusaContainer): Promise<{ headers: Record<string, string> }> {
  const users = container.resolve(Modules.USER);
  const user = await users.createUsers({ email: 'admin@e2e.test' });
  const auth = container.resolve(Modules.AUTH);
  const identity = await auth.createAuthIdentities({
    provider_identities: [{ provider: 'emailpass', entity_id: 'admin@e2e.test' }],
    app_metadata: { user_id: user.id },
  });
  const token = generateJwtToken(
    {
      actor_id: user.id,
      actor_type: 'user',
      auth_identity_id: identity.id,
      app_metadata: { user_id: user.id },
    },
    { secret: 'test-jwt-secret', expiresIn: '1d' },
  );
  return { headers: { authorization: `Bearer ${token}` } };
}

/** Rethrows an HTTP error with Medusa's answer in the message (axios keeps it in `response.data`). */
export function answered<T>(request: Promise<T>): Promise<T> {
  return request.catch((e: { response?: { status: number; data: unknown } }) => {
    throw new Error(`HTTP ${e.response?.status}: ${JSON.stringify(e.response?.data)}`);
  });
}

/** A cart with one line and the shipping method, ready for payment. */
export async function cartReady(api: Api, shop: Shop, currency: string, quantity = 1): Promise<string> {
  const market = shop.markets[currency]!;
  const country = currency === 'jpy' ? 'jp' : 'at';
  const { data } = await api.post(
    '/store/carts',
    {
      region_id: market.regionId,
      email: 'shopper@e2e.test',
      items: [{ variant_id: market.variantId, quantity }],
      shipping_address: {
        first_name: 'Ada',
        last_name: 'Shopper',
        address_1: 'Ring 1',
        city: 'Wien',
        country_code: country,
        postal_code: '1010',
      },
    },
    shop.storeHeaders,
  );
  const cartId: string = data.cart.id;
  await api.post(
    `/store/carts/${cartId}/shipping-methods`,
    { option_id: market.optionId },
    shop.storeHeaders,
  );
  return cartId;
}

/** Creates the payment collection (once) and a Paysera session; returns the session the storefront sees. */
export async function payseraSession(api: Api, shop: Shop, cartId: string, provider = 'pp_paysera_paysera') {
  const { data: cart } = await api.get(
    `/store/carts/${cartId}?fields=*payment_collection`,
    shop.storeHeaders,
  );
  let collectionId: string | undefined = cart.cart.payment_collection?.id;
  if (!collectionId) {
    const { data } = await api.post('/store/payment-collections', { cart_id: cartId }, shop.storeHeaders);
    collectionId = data.payment_collection.id;
  }
  const { data } = await answered(
    api.post(
      `/store/payment-collections/${collectionId}/payment-sessions`,
      { provider_id: provider },
      shop.storeHeaders,
    ),
  );
  const session = data.payment_collection.payment_sessions.find(
    (s: { provider_id: string }) => s.provider_id === provider,
  );
  return {
    collectionId: collectionId!,
    session: session as { id: string; amount: number; status: string; data: Record<string, any> },
  };
}

/** The order as the admin sees it, with the computed payment status and its transactions. */
export async function adminOrder(api: Api, shop: Shop, orderId: string) {
  const { data } = await api.get(
    `/admin/orders/${orderId}?fields=id,status,payment_status,total,metadata,*payment_collections,*payment_collections.payments,*payment_collections.payments.captures,*payment_collections.payments.refunds,*transactions,summary`,
    shop.adminHeaders,
  );
  return data.order;
}
