// `pnpm demo`: one URL, Ctrl-C stops it all. State (the sandbox's and the checkout service's) is kept in
// SQLite files under apps/storefront/.data, so a kill -9 and a restart lose no checkout and no receipt.
import { dataDir, demoPort, externalSandbox, runTicker, sandboxPort } from './env.ts';
import { startDemo } from './start-demo.ts';

const demo = await startDemo({
  dataDir,
  port: demoPort,
  sandboxPort,
  ticker: runTicker,
  ...(externalSandbox ? { sandbox: externalSandbox } : {}),
  log: (m) => process.stderr.write(`${m}\n`),
});
process.stdout.write(`\nTillKit demo shop: ${demo.url}  (Ctrl-C to stop)\n\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  process.stdout.write('Stopping…\n');
  await demo.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
