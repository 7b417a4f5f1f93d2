export {
  createServer,
  type RunningServer,
  type ServerConfig,
  type TillKitServer,
  type TillKitYogaContext,
} from './server.ts';
