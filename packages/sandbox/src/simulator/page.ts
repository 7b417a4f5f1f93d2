import type { Emulator } from '../contract.ts';
import { simulatorHtml } from './html.ts';

export const SIMULATOR_PREFIX = '/simulator';

/** Serves the customer wallet simulator page (`GET /simulator`): plain HTML and JS over the `/_sandbox/wallet` API. */
export function createSimulatorEmulator(): Emulator {
  return {
    prefix: SIMULATOR_PREFIX,
    handle(req) {
      if (req.method !== 'GET')
        return {
          status: 405,
          headers: { allow: 'GET' },
          body: { error: 'method_not_allowed', message: 'GET only' },
        };
      return {
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
        body: simulatorHtml,
      };
    },
  };
}
