// Measures the demo's resident memory under hostile requests (issue 14: 215 MB → 572 MB under 193 of
// them). Starts `server/demo.ts` as a child, sends the requests through the shop URL (the Vite proxy, as a
// browser would), and prints RSS before, right after, and after a short settle.
//   node --conditions=@tillkit/source apps/storefront/scripts/hostile-memory.ts
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const demoEntry = fileURLToPath(new URL('../server/demo.ts', import.meta.url));
// A fresh data directory, so the measurement neither reads nor leaves the demo's own state.
const dataDir = mkdtempSync(join(tmpdir(), 'tillkit-hostile-'));
const child = spawn(process.execPath, ['--conditions=@tillkit/source', demoEntry], {
  stdio: ['ignore', 'pipe', 'ignore'],
  env: { ...process.env, TILLKIT_DEMO_DATA: dataDir, TILLKIT_DEMO_PORT: '0' },
});
const url = await new Promise<string>((resolve, reject) => {
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const m = /(http:\/\/\S+)/.exec(out);
    if (m?.[1]) resolve(m[1]);
  });
  child.once('exit', () => reject(new Error('demo exited')));
});
const graphql = new URL('/graphql', url).toString();
const rssMb = () => {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
};
const post = (body: string, type = 'application/json') =>
  fetch(graphql, { method: 'POST', headers: { 'content-type': type }, body })
    .then(async (r) => ({ status: r.status, size: (await r.arrayBuffer()).byteLength }))
    .catch(() => ({ status: 0, size: 0 }));
const json = (query: string, variables?: unknown) => post(JSON.stringify({ query, variables }));

await json('{ __typename }');
await new Promise((r) => setTimeout(r, 1000));
const before = rssMb();

const START =
  'mutation S($input: TillKitStartCheckoutInput!) { tillkitStartCheckout(input: $input) { token } }';
const hostile: Array<() => Promise<{ status: number }>> = [];
for (const mb of [10, 20, 10, 20, 10, 20])
  hostile.push(() => json('{ __typename }', { pad: 'x'.repeat(mb * 1024 * 1024) }));
for (let i = 0; i < 40; i++)
  hostile.push(() => json(START, { input: { lines: [{ productId: 'enamel-mug', quantity: 1 }] } }));
for (const q of ['2', 2.5, 2 ** 31, null, -1, 0, 1e9])
  for (let i = 0; i < 5; i++)
    hostile.push(() => json(START, { input: { lines: [{ productId: 'enamel-mug', quantity: q }] } }));
for (let i = 0; i < 20; i++)
  hostile.push(() =>
    post(
      `query=${encodeURIComponent('mutation { tillkitStartCheckout(input: { lines: [{ productId: "enamel-mug", quantity: 1 }] }) { token } }')}`,
      'application/x-www-form-urlencoded',
    ),
  );
for (let i = 0; i < 20; i++) hostile.push(() => json('{ __schema { types { name fields { name } } } }'));
const deep = `{ tillkitDocuments { ${'total { amount currency formatted } '.repeat(200)} } }`;
for (let i = 0; i < 20; i++) hostile.push(() => json(deep));
for (let i = 0; i < 20; i++)
  hostile.push(() =>
    fetch(`${graphql}?query=${encodeURIComponent('{ __typename }')}&variables=%7Bbad`)
      .then((r) => ({ status: r.status }))
      .catch(() => ({ status: 0 })),
  );
for (let i = 0; i < 20; i++) hostile.push(() => post('{"query": '));
for (let i = 0; i < 20; i++)
  hostile.push(() =>
    json(`{ ${Array.from({ length: 300 }, (_, k) => `a${k}: tillkitDocuments { id }`).join(' ')} }`),
  );

const statuses = new Map<number, number>();
for (const send of hostile) {
  const { status } = await send();
  statuses.set(status, (statuses.get(status) ?? 0) + 1);
}
const after = rssMb();
await new Promise((r) => setTimeout(r, 5000));
const settled = rssMb();
const up = (await json('{ __typename }')).status;
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
rmSync(dataDir, { recursive: true, force: true });
console.log(
  `hostile-memory: ${hostile.length} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}; RSS before ${before} MB, after ${after} MB, after 5 s ${settled} MB; still up: ${up === 200}`,
);
