// `pnpm demo:medusa`: the shop page against the Medusa example (sandbox + Medusa with the TillKit provider,
// on PostgreSQL), one URL, Ctrl-C stops it all. The example's env applies: PORT (Medusa), SANDBOX_PORT,
// TK_MEDUSA_DATABASE, DATA_DIR, PGHOST/PGPORT/PGUSER; TILLKIT_DEMO_PORT moves the page.
import { demoPort } from './env.ts';
import { serveDemo } from './serve-demo.ts';
import { startMedusaDemo } from './start-medusa-demo.ts';

serveDemo('Medusa', await startMedusaDemo({ port: demoPort }));
