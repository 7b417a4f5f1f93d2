// The example as one call: the TillKit sandbox (standing in for Paysera and fiskaltrust) and a Vendure
// server with the plugin, both persisted in `dataDir`. The first start populates the shop.

import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { startSandbox } from '@tillkit/sandbox';
import { bootstrap, JobQueueService } from '@vendure/core';
import { populate } from '@vendure/core/cli/index.js';
import { credentials } from './env.ts';
import { initialData } from './initial-data.ts';
import { setUpShop } from './setup.ts';
import { vendureConfig } from './vendure-config.ts';

export interface ExampleOptions {
  /** Where `sandbox.sqlite` and `vendure.sqlite` live. */
  dataDir: string;
  /** Vendure's port; 0 picks a free one. */
  port: number;
  /** The sandbox's port; 0 picks a free one. */
  sandboxPort: number;
}

/** Where the running example answers. */
export interface ExampleUrls {
  shopApi: string;
  adminApi: string;
  /** The sandbox's wallet simulator: the customer's phone. */
  simulator: string;
}

export interface Example {
  urls: ExampleUrls;
  /** Vendure, then the sandbox. */
  close(): Promise<void>;
  /** The sandbox only: on SIGINT/SIGTERM Vendure (Nest's shutdown hooks) closes itself. */
  closeSandbox(): Promise<void>;
}

export async function startExample(o: ExampleOptions): Promise<Example> {
  mkdirSync(o.dataDir, { recursive: true });
  const sandbox = await startSandbox({ port: o.sandboxPort, db: path.join(o.dataDir, 'sandbox.sqlite') });
  try {
    const dbFile = path.join(o.dataDir, 'vendure.sqlite');
    const fresh = !existsSync(dbFile);
    const config = vendureConfig({
      port: o.port,
      dbFile,
      credentials: credentials(sandbox),
      superadminPassword: 'superadmin',
    });
    const products = path.join(import.meta.dirname, 'products.csv');
    const app = fresh
      ? await populate(() => bootstrap(config), initialData, products)
      : await bootstrap(config);
    if (fresh) await setUpShop(app);
    // A single process: the server also runs the job queue (a production shop runs `bootstrapWorker` for it).
    await app.get(JobQueueService).start();
    const { port } = app.getHttpServer().address() as AddressInfo;
    const origin = `http://127.0.0.1:${port}`;
    return {
      urls: {
        shopApi: `${origin}/shop-api`,
        adminApi: `${origin}/admin-api`,
        simulator: sandbox.urls.simulator,
      },
      close: async () => {
        await app.close();
        await sandbox.close();
      },
      closeSandbox: () => sandbox.close(),
    };
  } catch (e) {
    await sandbox.close();
    throw e;
  }
}
