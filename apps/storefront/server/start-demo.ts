import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createServer as createGraphQLServer } from '@tillkit/graphql/yoga';
import { type FaultSpec, type Sandbox, startSandbox } from '@tillkit/sandbox';
import type { Plugin } from 'vite';
import { createCatalogueOrders, productsJson } from './catalogue.ts';
import { merchantApiKey } from './env.ts';
import { createPosMerchant } from './merchant.ts';
import { startPage } from './page.ts';
import { createDemoService, type SandboxAccess, SHOP_NAME, sandboxUrls } from './service.ts';

/** Options of {@link startDemo}. */
export interface DemoOptions {
  /** Where the SQLite files live (checkout service; the sandbox's too when the demo starts it). */
  dataDir: string;
  /** Port of the shop page (the one URL). 0 picks a free one. @default 5173 */
  port?: number;
  /** A sandbox running elsewhere; without it the demo starts one, persisted in `dataDir`. */
  sandbox?: SandboxAccess;
  /** Port of the sandbox the demo starts. @default 0 (free) */
  sandboxPort?: number;
  /** Sandbox faults active from the start, when the demo starts the sandbox (tests: fiskaltrust down). */
  faults?: FaultSpec[];
  /** Drive the service's rounds in this process. Off when `server/worker.ts` runs them. @default true */
  ticker?: boolean;
  /** Where errors and masked failures go. @default silent */
  log?: (message: string) => void;
}

/** The running demo: the shop URL, the sandbox when the demo started it, and one close for everything. */
export interface Demo {
  url: string;
  sandbox: Sandbox | undefined;
  close(): Promise<void>;
}

/** What a shopper's operation can need, many times over; the server and the proxy refuse more alike. */
const MAX_BODY_BYTES = 65_536;

/** The shop serves its catalogue its own way: a JSON route next to the page (GraphQL knows no products). */
function productsRoute(): Plugin {
  const body = productsJson();
  return {
    name: 'tillkit-products',
    configureServer(server) {
      server.middlewares.use('/api/products', (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end(body);
      });
    },
  };
}

/**
 * Starts the demo: the sandbox (unless given one), the checkout service over SQLite in `dataDir` (its
 * ticker too, unless a worker runs it), the GraphQL server over the service, and the shop page (Vite)
 * proxying /graphql to it. A kill -9 loses nothing: the next start reads the same files.
 */
export async function startDemo(options: DemoOptions): Promise<Demo> {
  const log = options.log ?? (() => {});
  const closers: Array<() => Promise<void> | void> = [];
  const close = async () => {
    for (const c of closers.reverse()) await c();
  };
  try {
    // A first run (or a deleted .data/) has no directory yet; the sandbox opens its file before the service.
    mkdirSync(options.dataDir, { recursive: true });
    let started: Sandbox | undefined;
    let access = options.sandbox;
    if (!access) {
      started = await startSandbox({
        port: options.sandboxPort ?? 0,
        db: join(options.dataDir, 'sandbox.sqlite'),
        seed: 'demo',
        ...(options.faults ? { faults: options.faults } : {}),
      });
      const sandbox = started;
      closers.push(() => sandbox.close());
      access = { url: sandbox.url, credentials: sandbox.credentials };
    }
    const logger = {
      warn: (m: string) => log(`checkout: ${m}`),
      error: (m: string) => log(`checkout: ${m}`),
    };
    const demo = createDemoService(access, options.dataDir, logger);
    closers.push(() => demo.close());
    if (options.ticker !== false) demo.service.run();

    const graphql = await createGraphQLServer({
      services: {
        checkout: demo.service,
        orders: createCatalogueOrders(SHOP_NAME),
        merchant: createPosMerchant(demo.pos, access.credentials.pos.cashRegisterNumber),
      },
      merchantApiKey,
      // No checkoutTokenSecret: the service keeps one in its store, so tokens survive a restart.
      // Every request arrives from the Vite proxy below, which appends the shopper's address.
      trustForwardedFor: true,
      maxBodyBytes: MAX_BODY_BYTES,
      onUnexpectedError: (e) => log(`graphql: ${(e as Error).message}`),
    }).listen(0);
    closers.push(() => graphql.close());

    const page = await startPage({
      backend: 'embedded',
      port: options.port ?? 5173,
      simulatorUrl: sandboxUrls(access.url).simulator,
      proxy: { '/graphql': new URL(graphql.url).origin },
      maxBodyBytes: MAX_BODY_BYTES,
      plugins: [productsRoute()],
    });
    closers.push(() => page.close());
    return { url: page.url, sandbox: started, close };
  } catch (e) {
    await close();
    throw e;
  }
}
