import { createFiscalClient } from '@tillkit/fiscalization';
import { createWalletClient } from '@tillkit/paysera';
import type { Sandbox } from '@tillkit/sandbox';
import { HANDLER_CODE, type TillKitPluginOptions } from '@tillkit/vendure-plugin';
import {
  type bootstrap,
  ChannelService,
  CurrencyCode,
  LanguageCode,
  PaymentMethodService,
  RequestContextService,
  TransactionalConnection,
  User,
} from '@vendure/core';

/** The checkout service's options over the sandbox's credentials (a merchant puts their own here). */
export function checkoutOptions(sandbox: Sandbox): TillKitPluginOptions['checkout'] {
  const { wallet: w, fiskaltrust: f } = sandbox.credentials;
  return {
    wallet: createWalletClient({
      credentials: { macId: w.macId, macKey: w.macKey },
      baseUrl: sandbox.urls.wallet,
      projectId: w.projectId,
      retry: { limit: 0 },
    }),
    locationId: w.locationId,
    projectId: w.projectId,
    fiscal: {
      client: createFiscalClient({
        baseUrl: sandbox.url,
        cashBoxId: f.cashBoxId,
        accessToken: f.accessToken,
      }),
      country: 'AT',
      cashBoxId: f.cashBoxId,
    },
    refundWindowHours: 24,
    shopName: 'TillKit Vendure example',
  };
}

/** What a merchant does once in the admin: the shop sells in EUR and offers Paysera scan-and-pay. */
export async function setUpShop(app: Awaited<ReturnType<typeof bootstrap>>): Promise<void> {
  const superadmin = await app
    .get(TransactionalConnection)
    .rawConnection.getRepository(User)
    .findOneOrFail({ where: { identifier: 'superadmin' }, relations: ['roles', 'roles.channels'] });
  const ctx = await app.get(RequestContextService).create({ apiType: 'admin', user: superadmin });
  await app.get(ChannelService).update(ctx, { id: ctx.channelId, defaultCurrencyCode: CurrencyCode.EUR });
  await app.get(PaymentMethodService).create(ctx, {
    code: 'paysera',
    enabled: true,
    handler: { code: HANDLER_CODE, arguments: [{ name: 'captureMode', value: 'automatic' }] },
    translations: [{ languageCode: LanguageCode.en, name: 'Paysera (scan and pay)' }],
  });
}
