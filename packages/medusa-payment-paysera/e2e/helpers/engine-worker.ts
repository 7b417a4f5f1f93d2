// A stand-alone engine worker for the kill test: the same checkout service the provider builds, over the
// same PostgreSQL store and sandbox, in its own process, so the test can SIGKILL it mid-payment.
// Run with `node --conditions=@tillkit/source e2e/helpers/engine-worker.ts` and the suite's environment.
import { checkoutOptionsFromConfig, createCheckoutService } from '@tillkit/checkout';
import { createPostgresStore } from '@tillkit/checkout/postgres';
import pg from 'pg';
import { parseOptions } from '../../src/options.ts';

const options = parseOptions({
  ...JSON.parse(process.env['TK_PROVIDER'] ?? '{}'),
  webhookSecret: process.env['TK_WEBHOOK_SECRET'],
  databaseUrl: process.env['TK_STORE_URL'],
});
const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 3 });
const silent = { warn() {}, error() {} };
const store = createPostgresStore({ pool, tablePrefix: options.tablePrefix });
const service = createCheckoutService(checkoutOptionsFromConfig(options, { store, logger: silent }));
service.run();
for (;;) {
  const round = await service.tick();
  if (round.leader) break;
  await new Promise((resolve) => setTimeout(resolve, 100));
}
process.stdout.write('leader\n');
