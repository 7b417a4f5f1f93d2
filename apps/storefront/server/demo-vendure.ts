// `pnpm demo:vendure`: the shop page against the Vendure example (sandbox + Vendure with the TillKit plugin),
// one URL, Ctrl-C stops it all. State lives in the example's data/ (DATA_DIR); PORT and SANDBOX_PORT move
// Vendure and the sandbox, TILLKIT_DEMO_PORT the page.
import { demoPort } from './env.ts';
import { serveDemo } from './serve-demo.ts';
import { startVendureDemo } from './start-vendure-demo.ts';

serveDemo('Vendure', await startVendureDemo({ port: demoPort }));
