// `pnpm demo`: everything in one process, one URL, Ctrl-C stops it all.
import { startDemo } from './start-demo.ts';

const demo = await startDemo({ log: (m) => process.stderr.write(`${m}\n`) });
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
