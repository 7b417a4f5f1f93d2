// `pnpm demo:vendure`: the shop page against the Vendure example (sandbox + Vendure with the TillKit plugin),
// one URL, Ctrl-C stops it all. State lives in the example's data/ (DATA_DIR); PORT and SANDBOX_PORT move
// Vendure and the sandbox, TILLKIT_DEMO_PORT the page.
import { demoPort } from './env.ts';
import { startVendureDemo } from './start-vendure-demo.ts';

const demo = await startVendureDemo({ port: demoPort });
process.stdout.write(`\nTillKit demo shop on Vendure: ${demo.url}  (Ctrl-C to stop)\n\n`);

let stopping = false;
const stop = async (code: number) => {
  if (stopping) return;
  stopping = true;
  process.stdout.write('Stopping…\n');
  await demo.close();
  process.exit(code);
};
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
process.on('SIGHUP', () => void stop(0));
void demo.exited.then((code) => {
  if (stopping) return;
  process.stderr.write(`Vendure stopped (exit ${code}); its log: ${demo.logFile}\n`);
  void stop(1);
});
