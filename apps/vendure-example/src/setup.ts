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
