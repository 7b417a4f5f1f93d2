export { payseraScanAndPayHandler } from './handler.ts';
export { HANDLER_CODE, type TillKitPluginOptions, TillKitPluginOptionsSchema } from './options.ts';
export { TillKitPlugin } from './plugin.ts';
export { TillKitService } from './tillkit.service.ts';
