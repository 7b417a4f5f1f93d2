import type { Plugin } from 'vite';

/**
 * The proxy's own body limit, as a reverse proxy in front of any API has one (nginx's client_max_body_size):
 * the GraphQL server refuses a large body with a typed 413 before reading it, but a proxy still streaming
 * that body upstream then sees the connection end and answers an empty 502. Refused here, the shopper gets
 * the same typed 413 and nothing is forwarded.
 */
export function bodyLimit(path: string, maxBytes: number): Plugin {
  return {
    name: 'tillkit-body-limit',
    configureServer(server) {
      // Added directly (not returned), so it runs before Vite's internal middlewares, the proxy included.
      server.middlewares.use(path, (req, res, next) => {
        const length = Number(req.headers['content-length'] ?? 0);
        if (!(length > maxBytes)) return next();
        res.writeHead(413, { 'content-type': 'application/json; charset=utf-8' });
        res.end(
          JSON.stringify({
            errors: [
              {
                message: `The request body must stay within ${maxBytes} bytes.`,
                extensions: { code: 'PAYLOAD_TOO_LARGE', limit: maxBytes },
              },
            ],
          }),
        );
        // Not destroyed: Node discards the rest of the body, so the client can still read the answer.
      });
    },
  };
}
