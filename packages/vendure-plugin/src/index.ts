export { tillKitEntities } from './entities.ts';
export { payseraScanAndPayHandler } from './handler.ts';
export { HANDLER_CODE, type TillKitPluginOptions, TillKitPluginOptionsSchema } from './options.ts';
export { TillKitPlugin } from './plugin.ts';
export { TypeOrmCheckoutStore } from './store.ts';
export { TillKitService } from './tillkit.service.ts';
