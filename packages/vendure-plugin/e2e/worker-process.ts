// A Vendure worker in a process of its own, as a shop deploys it: plain Node (no SWC), the plugin from its
// tsc build, the PostgreSQL database and the job queue the test server uses. Started by workers.e2e.test.ts.
import { bootstrapWorker, mergeConfig } from '@vendure/core';
import { testConfig } from '@vendure/testing';
import { checkoutOptions, pg, queuePlugin } from './harness-config.ts';

const { database, sandbox, queue } = JSON.parse(process.argv[2] ?? '{}');
// Built by the test before it forks this process (the path is computed so typecheck needs no build).
const { TillKitPlugin } = await import(new URL('../dist/index.js', import.meta.url).href);
const config = mergeConfig(testConfig, {
  dbConnectionOptions: { ...pg, database, synchronize: false },
  plugins: [queuePlugin(queue), TillKitPlugin.init({ checkout: checkoutOptions(sandbox) })],
});
const worker = await bootstrapWorker(config);
await worker.startJobQueue();
process.send?.('ready');
