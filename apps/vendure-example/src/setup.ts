import type { Sandbox } from '@tillkit/sandbox';
import { HANDLER_CODE } from '@tillkit/vendure-plugin';
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

/** The sandbox's credentials as `@tillkit/checkout` options (a merchant puts their own here). */
export function checkoutOptions(sandbox: Sandbox): Record<string, unknown> {
  const { wallet: w, fiskaltrust: f, pos: p } = sandbox.credentials;
  return {
    paysera: {
      wallet: { baseUrl: sandbox.urls.wallet, macId: w.macId, macKey: w.macKey, projectId: w.projectId },
      locationId: w.locationId,
      pos: { baseUrl: sandbox.urls.pos, token: p.token, cashRegisterNumber: p.cashRegisterNumber },
    },
    fiskaltrust: { baseUrl: sandbox.url, cashBoxId: f.cashBoxId, accessToken: f.accessToken, country: 'AT' },
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
