// The end of every `pnpm demo:*` entry point: print the one URL, stop everything on Ctrl-C (and SIGTERM,
// SIGHUP), and stop too, with the log's path, when the shop's process dies on its own.

export interface RunningDemo {
  url: string;
  logFile: string;
  exited: Promise<number | null>;
  close(): Promise<void>;
}

export function serveDemo(shop: string, demo: RunningDemo): void {
  process.stdout.write(`\nTillKit demo shop on ${shop}: ${demo.url}  (Ctrl-C to stop)\n\n`);
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('Stopping…\n');
    await demo.close();
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(0));
  void demo.exited.then((code) => {
    if (stopping) return;
    process.stderr.write(`${shop} stopped (exit ${code}); its log: ${demo.logFile}\n`);
    void stop(1);
  });
}
