// The checkout worker as its own process: the service's ticker (`run()`) over the demo's SQLite file,
// while the GraphQL server (`server/demo.ts` with TILLKIT_DEMO_TICKER=off) only serves. Either can be
// killed and restarted; the ticker lease hands the rounds to whichever runs.
import { dataDir, externalSandbox } from './env.ts';
import { createDemoService } from './service.ts';

if (!externalSandbox) throw new Error('worker.ts needs TILLKIT_SANDBOX (the sandbox the demo uses)');
const log = (m: string) => process.stderr.write(`worker: ${m}\n`);
const demo = createDemoService(externalSandbox, dataDir, { warn: log, error: log });
demo.service.run();
process.stdout.write('worker running\n');

const stop = async () => {
  await demo.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
