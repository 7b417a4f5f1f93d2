import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLError } from 'graphql/index.js';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { internalError } from '../errors.ts';
import { extraRules, type QueryLimits } from '../limits.ts';
import { makeSchema } from '../make-schema.ts';
import type { SchemaOptions } from '../options.ts';
import type { TillKitGraphQLServices } from '../ports.ts';
import type { RateLimit } from '../rate-limit.ts';
import { useRequestGuards } from './guards.ts';
import { useTypedErrors } from './typed-errors.ts';

/** Configuration of {@link createServer}. */
export interface ServerConfig extends SchemaOptions {
  services: TillKitGraphQLServices;
  /** Depth and cost limits, and whether introspection is answered. @default { maxDepth: 8, maxCost: 1000, introspection: false } */
  limits?: QueryLimits;
  /** Largest request body accepted; larger ones get a typed 413. @default 65536 (64 KiB) */
  maxBodyBytes?: number;
  /** Requests per minute one client may send, all operations together. @default { perMinute: 600, burst: 100 } */
  requestRate?: RateLimit;
  /**
   * Take the client's address from the last `X-Forwarded-For` entry (the one your proxy appended) instead
   * of the socket. Only behind exactly one proxy you run (the demo's Vite server); the entries before the
   * last are whatever the client sent.
   * @default false
   */
  trustForwardedFor?: boolean;
  /** The rate limiter's clock (tests). @default Date.now */
  now?: () => number;
  /** Origins allowed by CORS; none when empty (same-origin only, e.g. behind the storefront's proxy). @default [] */
  corsOrigins?: string[];
  /** Path of the endpoint. @default '/graphql' */
  endpoint?: string;
  /** Serve GraphiQL on GET. Leave off in production. @default false */
  graphiql?: boolean;
}

/** The context every resolver sees: the merchant key the caller sent, if any, and who the caller is. */
export interface TillKitYogaContext {
  merchantApiKey: string | undefined;
  /** The client's address, the key of the per-client limits. */
  clientId: string;
}

/** A running server. */
export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** A TillKit GraphQL server: a yoga instance, a Node request listener and `listen`. */
export interface TillKitServer {
  yoga: YogaServerInstance<Record<string, unknown>, TillKitYogaContext>;
  listen(port?: number, host?: string): Promise<RunningServer>;
}

function merchantKeyOf(request: Request): string | undefined {
  const header = request.headers.get('authorization');
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return request.headers.get('x-tillkit-merchant-key') ?? undefined;
}

function limitsPlugin(limits: QueryLimits): Plugin {
  const rules = extraRules(limits);
  return {
    onValidate({ addValidationRule }) {
      for (const rule of rules) addValidationRule(rule);
    },
  };
}

/** The caller's address: the socket's, or the last X-Forwarded-For entry behind a trusted proxy. */
function clientIdOf(request: Request, serverContext: unknown, trustForwardedFor: boolean): string {
  if (trustForwardedFor) {
    const last = request.headers.get('x-forwarded-for')?.split(',').pop()?.trim();
    if (last) return last;
  }
  const req = (serverContext as { req?: { socket?: { remoteAddress?: string } } } | undefined)?.req;
  return req?.socket?.remoteAddress ?? 'unknown';
}

/**
 * A ready GraphQL server on graphql-yoga over the TillKit schema: merchant key from
 * `Authorization: Bearer <key>` (or `x-tillkit-merchant-key`), depth and cost limits, introspection off,
 * per-client rate limits, CSRF-safe content types only, a 64 KiB body limit, typed and masked errors.
 *
 * @example
 * const server = createServer({ services, merchantApiKey, checkoutTokenSecret });
 * const { url, close } = await server.listen(4000);
 */
export function createServer(config: ServerConfig): TillKitServer {
  const {
    services,
    limits,
    corsOrigins,
    endpoint,
    graphiql,
    maxBodyBytes,
    requestRate,
    trustForwardedFor,
    now,
    ...schemaOptions
  } = config;
  const clientId = (request: Request, serverContext: unknown) =>
    clientIdOf(request, serverContext, trustForwardedFor ?? false);
  const schema = makeSchema(services, schemaOptions);
  const onUnexpected = schemaOptions.onUnexpectedError ?? (() => {});
  const yoga = createYoga<Record<string, unknown>, TillKitYogaContext>({
    schema,
    graphqlEndpoint: endpoint ?? '/graphql',
    graphiql: graphiql ?? false,
    landingPage: false,
    logging: false,
    cors: corsOrigins && corsOrigins.length > 0 ? { origin: corsOrigins, credentials: false } : false,
    // Read lazily: only merchant queries look at the key, so a shopper's poll never parses it.
    context: (initial) => ({
      get merchantApiKey() {
        return merchantKeyOf(initial.request);
      },
      clientId: clientId(initial.request, initial),
    }),
    // Yoga's own cap is 50 MB; ours answers with a typed 413 long before, and before anything is buffered.
    plugins: [
      useRequestGuards({
        maxBodyBytes: maxBodyBytes ?? 65_536,
        rate: requestRate ?? { perMinute: 600, burst: 100 },
        clientId,
        ...(now ? { now } : {}),
      }),
      limitsPlugin(limits ?? {}),
      useTypedErrors(),
    ],
    maskedErrors: {
      // Resolver errors arrive already coded by makeSchema. What is left (a null in a non-null field, a
      // yoga internal) is masked whatever NODE_ENV says: yoga's default would attach the original in dev.
      maskError(error) {
        if (
          error instanceof GraphQLError &&
          (!error.originalError || error.originalError instanceof GraphQLError)
        )
          return error;
        onUnexpected(error);
        return internalError();
      },
    },
  });
  return {
    yoga,
    listen(port = 0, host = '127.0.0.1') {
      const server: Server = createHttpServer(yoga);
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const { port: actual } = server.address() as AddressInfo;
          resolve({
            url: `http://${host}:${actual}${yoga.graphqlEndpoint}`,
            close: () =>
              new Promise<void>((done) => {
                server.closeAllConnections();
                server.close(() => done());
              }),
          });
        });
      });
    },
  };
}
