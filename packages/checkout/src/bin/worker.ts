#!/usr/bin/env node
import { isTillKitError } from '@tillkit/models';
import { checkoutOptionsFromEnv } from '../env.ts';
import { createCheckoutService } from '../service.ts';

// tillkit-checkout-worker: drives the checkout service's rounds (engine, receipt jobs, events) over the
// SQLite file in TILLKIT_DB. Several may run; one holds the ticker lease, the others stand by.
const log = (level: string, message: string, context?: Record<string, unknown>) =>
  process.stderr.write(`${JSON.stringify({ level, message, ...context })}\n`);

try {
  const service = createCheckoutService({
    ...(await checkoutOptionsFromEnv(process.env)),
    logger: { warn: (m, c) => log('warn', m, c), error: (m, c) => log('error', m, c) },
  });
  service.run();
  log('info', 'tillkit-checkout-worker running');
  const stop = async () => {
    await service.stop();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} catch (error) {
  log(
    'error',
    isTillKitError(error) ? error.message : 'failed to start',
    isTillKitError(error) ? { code: error.code } : {},
  );
  process.exit(1);
}
