import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLError } from 'graphql/index.js';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { internalError } from '../errors.ts';
import { type QueryLimits, queryLimitsRule } from '../limits.ts';
import { makeSchema } from '../make-schema.ts';
import type { SchemaOptions } from '../options.ts';
import type { TillKitServices } from '../services.ts';

/** Configuration of {@link createServer}. */
export interface ServerConfig extends SchemaOptions {
  services: TillKitServices;
  /** Depth and cost limits. @default { maxDepth: 8, maxCost: 1000 } */
  limits?: QueryLimits;
  /** Origins allowed by CORS; none when empty (same-origin only, e.g. behind the storefront's proxy). @default [] */
  corsOrigins?: string[];
  /** Path of the endpoint. @default '/graphql' */
  endpoint?: string;
  /** Serve GraphiQL on GET. Leave off in production. @default false */
  graphiql?: boolean;
}

/** The context every resolver sees: the merchant key the caller sent, if any. */
export interface TillKitYogaContext {
  merchantApiKey: string | undefined;
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
  const rule = queryLimitsRule(limits);
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(rule);
    },
  };
}

/**
 * A ready GraphQL server on graphql-yoga over the TillKit schema: merchant key from
 * `Authorization: Bearer <key>` (or `x-tillkit-merchant-key`), depth and cost limits, masked errors.
 *
 * @example
 * const server = createServer({ services, merchantApiKey, checkoutTokenSecret });
 * const { url, close } = await server.listen(4000);
 */
export function createServer(config: ServerConfig): TillKitServer {
  const { services, limits, corsOrigins, endpoint, graphiql, ...schemaOptions } = config;
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
    context: ({ request }) => ({
      get merchantApiKey() {
        return merchantKeyOf(request);
      },
    }),
    plugins: [limitsPlugin(limits ?? {})],
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
