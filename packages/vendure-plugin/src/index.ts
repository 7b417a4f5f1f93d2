export { payseraScanAndPayHandler } from './handler.ts';
export { HANDLER_CODE, type TillKitPluginOptions, TillKitPluginOptionsSchema } from './options.ts';
export { TillKitPlugin } from './plugin.ts';
export { checkoutStoreEntities } from './store/entities.ts';
export { TypeOrmCheckoutStore } from './store/typeorm-store.ts';
export { TillKitService } from './tillkit.service.ts';
