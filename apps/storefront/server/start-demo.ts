import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createFiscalClient } from '@tillkit/fiscalization';
import { createTillKitServices } from '@tillkit/graphql/engines';
import { createServer as createGraphQLServer } from '@tillkit/graphql/yoga';
import { createPosClient, createScanAndPayEngine, createWalletClient } from '@tillkit/paysera';
import { type FaultSpec, type Sandbox, startSandbox } from '@tillkit/sandbox';
import { createServer as createViteServer } from 'vite';
import { bodyLimit } from './body-limit.ts';
import { catalogue } from './catalogue.ts';
import { merchantApiKey } from './env.ts';

/** Options of {@link startDemo}. */
export interface DemoOptions {
  /** Port of the shop page (the one URL). 0 picks a free one. @default 5173 */
  port?: number;
  /** Sandbox faults active from the start (tests: fiskaltrust down). */
  faults?: FaultSpec[];
  /** Where errors and masked failures go. @default silent */
  log?: (message: string) => void;
}

/** The running demo: the shop URL, the sandbox behind it, and one close for everything. */
export interface Demo {
  url: string;
  sandbox: Sandbox;
  close(): Promise<void>;
}

const appRoot = fileURLToPath(new URL('..', import.meta.url));
/** What a shopper's operation can need, many times over; the server and the proxy refuse more alike. */
const MAX_BODY_BYTES = 65_536;

/**
 * Starts the whole demo in this process: the sandbox (seeded), the scan-and-pay engine polling it, the
 * GraphQL server over the engines, and the shop page (Vite) proxying /graphql to it.
 */
export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const log = options.log ?? (() => {});
  const closers: Array<() => Promise<void> | void> = [];
  const close = async () => {
    for (const c of closers.reverse()) await c();
  };
  try {
    const sandbox = await startSandbox({
      port: 0,
      seed: 'demo',
      ...(options.faults ? { faults: options.faults } : {}),
    });
    closers.push(() => sandbox.close());
    const { wallet: w, fiskaltrust: f, pos: p } = sandbox.credentials;

    const engine = createScanAndPayEngine({
      wallet: createWalletClient({
        credentials: { macId: w.macId, macKey: w.macKey },
        baseUrl: sandbox.urls.wallet,
        retry: { limit: 0 },
        projectId: w.projectId,
      }),
      projectId: w.projectId,
      // A demo shopper should not wait for an idle back-off: poll at most every second. The budget is the
      // default 100 requests/min, as in production; a rejection shows up in the same batched poll as a payment.
      polling: {
        fastIntervalMs: 300,
        idleIntervalMs: 500,
        maxIdleIntervalMs: 1000,
      },
      logger: { warn: (m) => log(`engine: ${m}`), error: (m) => log(`engine: ${m}`) },
    });
    engine.start();
    closers.push(() => engine.stop());

    const services = createTillKitServices({
      engine,
      locationId: w.locationId,
      catalogue,
      shopName: 'TillKit Coffee',
      fiscal: {
        // Few transport retries: a down fiscal service makes the receipt `pending`, and the next poll retries.
        client: createFiscalClient({
          baseUrl: sandbox.url,
          cashBoxId: f.cashBoxId,
          accessToken: f.accessToken,
          posSystemId: f.posSystemId,
          retry: { limit: 1, baseDelayMs: 200, maxDelayMs: 500, maxRetryAfterMs: 1000 },
        }),
        country: 'AT',
        cashBoxId: f.cashBoxId,
        posSystemId: f.posSystemId,
      },
      pos: {
        client: createPosClient({ token: p.token, baseUrl: sandbox.urls.pos }),
        cashRegisterNumber: p.cashRegisterNumber,
      },
      onSignError: (e, orderId) => log(`receipt of ${orderId} not signed yet: ${e.code}`),
    });
    closers.push(() => services.dispose());

    const graphql = await createGraphQLServer({
      services,
      merchantApiKey,
      checkoutTokenSecret: randomBytes(32).toString('base64url'),
      // Every request arrives from the Vite proxy below, which appends the shopper's address.
      trustForwardedFor: true,
      maxBodyBytes: MAX_BODY_BYTES,
      onUnexpectedError: (e) => log(`graphql: ${(e as Error).message}`),
    }).listen(0);
    closers.push(() => graphql.close());

    const vite = await createViteServer({
      root: appRoot,
      configFile: false,
      logLevel: 'silent',
      clearScreen: false,
      define: { __SIMULATOR_URL__: JSON.stringify(sandbox.urls.simulator) },
      plugins: [bodyLimit('/graphql', MAX_BODY_BYTES)],
      server: {
        host: '127.0.0.1',
        port: options.port ?? 5173,
        strictPort: false,
        proxy: { '/graphql': { target: new URL(graphql.url).origin, xfwd: true } },
      },
    });
    await vite.listen();
    closers.push(() => vite.close());
    const url = vite.resolvedUrls?.local[0];
    if (!url) throw new Error('Vite did not report a URL');
    return { url, sandbox, close };
  } catch (e) {
    await close();
    throw e;
  }
}
