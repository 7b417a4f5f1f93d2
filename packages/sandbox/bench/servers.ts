// Child process of sandbox.bench.ts: a bare node:http hello-world (the baseline) and a sandbox, on
// loopback, so the servers get their own core and the load generator another. Prints one JSON line.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox } from '../src/index.ts';

const hello = createServer((_req, res) => {
  const body = '{"hello":"world"}';
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
await new Promise<void>((resolve) => hello.listen(0, '127.0.0.1', resolve));
const sandbox = await startSandbox({ rateLimits: { standardPerMinute: 1e9, premiumPerMinute: 1e9 } });
process.stdout.write(
  `${JSON.stringify({ hello: `http://127.0.0.1:${(hello.address() as AddressInfo).port}/`, urls: sandbox.urls, credentials: sandbox.credentials })}\n`,
);
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
