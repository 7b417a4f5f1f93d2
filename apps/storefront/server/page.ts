import { fileURLToPath } from 'node:url';
import { createServer, type Plugin } from 'vite';
import { bodyLimit } from './body-limit.ts';

/** Options of {@link startPage}. */
export interface PageOptions {
  /** Which shop the page talks to (src/backend-*.ts). */
  backend: 'embedded' | 'vendure' | 'medusa';
  /** Medusa: the store API's publishable key, which every /store call carries (it is public). */
  publishableKey?: string;
  /** 0 picks a free one. */
  port: number;
  /** The sandbox's wallet simulator, which the page links for the customer. */
  simulatorUrl: string;
  /** Path prefix → the origin Vite proxies it to (`/graphql`, `/shop-api`, `/store`). */
  proxy: Record<string, string>;
  /** What a shopper's operation can need, many times over; the proxy refuses more. */
  maxBodyBytes: number;
  plugins?: Plugin[];
}

export interface Page {
  url: string;
  close(): Promise<void>;
}

const appRoot = fileURLToPath(new URL('..', import.meta.url));

/** Serves the shop page on Vite with the backend chosen, proxying its API paths. */
export async function startPage(o: PageOptions): Promise<Page> {
  const upstreams = Object.entries(o.proxy);
  const vite = await createServer({
    root: appRoot,
    configFile: false,
    logLevel: 'silent',
    clearScreen: false,
    define: {
      __BACKEND__: JSON.stringify(o.backend),
      __SIMULATOR_URL__: JSON.stringify(o.simulatorUrl),
      __PUBLISHABLE_KEY__: JSON.stringify(o.publishableKey ?? ''),
    },
    plugins: [...upstreams.map(([path]) => bodyLimit(path, o.maxBodyBytes)), ...(o.plugins ?? [])],
    server: {
      host: '127.0.0.1',
      port: o.port,
      strictPort: false,
      // xfwd: the shopper's address reaches the API (the embedded GraphQL server trusts it from here).
      proxy: Object.fromEntries(upstreams.map(([path, target]) => [path, { target, xfwd: true }])),
    },
  });
  try {
    await vite.listen();
    const url = vite.resolvedUrls?.local[0];
    if (!url) throw new Error('Vite did not report a URL');
    return { url, close: () => vite.close() };
  } catch (e) {
    await vite.close();
    throw e;
  }
}

/**
 * The page in front of a backend already running (a child process): closing the page stops the backend
 * too, and a page that cannot start stops it at once, so no demo leaves a backend behind.
 */
export async function startPageFor(backend: { stop(): Promise<void> }, o: PageOptions): Promise<Page> {
  try {
    const page = await startPage(o);
    const close = async () => {
      await page.close();
      await backend.stop();
    };
    return { url: page.url, close };
  } catch (e) {
    await backend.stop();
    throw e;
  }
}
