// `pnpm start`: the example on a fresh machine, persisted under data/ (DATA_DIR). Forked by the demo
// storefront (`pnpm demo:vendure`), it also sends its URLs to the parent once it is ready.
import { dataDir, port, sandboxPort } from './env.ts';
import { startExample } from './start.ts';

const example = await startExample({ dataDir, port, sandboxPort });
const { shopApi, simulator } = example.urls;
// The one URL to open: the sandbox's wallet simulator, where the customer scans and pays (README).
console.log(`TillKit Vendure example (shop API ${shopApi}): ${simulator}`);
process.send?.({ ready: example.urls });

let stopping = false;
// Vendure's own shutdown hooks close it on these signals, then raise the signal again: listening once
// lets that second one end the process. A second close of Vendure here would race the first.
const onSignal = () => {
  if (stopping) return;
  stopping = true;
  void example.closeSandbox();
};
process.once('SIGINT', onSignal);
process.once('SIGTERM', onSignal);
// Forked: the parent's end is ours too, so a crashed demo leaves no Vendure behind.
process.on('disconnect', () => {
  if (stopping) return;
  stopping = true;
  void example.close().then(() => process.exit(0));
});
