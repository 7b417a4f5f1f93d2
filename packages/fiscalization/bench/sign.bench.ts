// Signs/s through FiscalClient (validation, lossless JSON, idempotency key, zod-parsed response,
// ftState decoding) against a bare fetch loop posting the same receipts to the same sandbox, in the
// same run. Goal: ratio ≥ 0.95, i.e. the client adds under 5 % to a sign. Run: pnpm bench
import { randomUUID } from 'node:crypto';
import { compareThroughput } from '@tillkit/bench';
import { stringifyJsonLossless } from '@tillkit/models';
import { startSandbox } from '@tillkit/sandbox';
import { buildReceipt, createFiscalClient } from '../src/index.ts';

const sandbox = await startSandbox({ port: 0 });
const box = sandbox.control.fiskaltrust.createCashBox({ country: 'AT', started: true });
const client = createFiscalClient({
  baseUrl: sandbox.url,
  cashBoxId: box.cashBoxId,
  accessToken: box.accessToken,
});

let n = 0;
const nextRequest = () =>
  buildReceipt(
    {
      id: `bench-${++n}`,
      moment: '2026-11-23T10:00:00.000Z',
      lines: [
        { description: 'Coffee', quantity: 2, unitPrice: 350, vatRate: 10 },
        { description: 'Mug', quantity: 1, unitPrice: 1200, vatRate: 20 },
      ],
      payments: [{ method: 'online', amount: 1900 }],
    },
    { country: 'AT', cashBoxId: box.cashBoxId },
  );

const headers = {
  'content-type': 'application/json',
  'x-cashbox-id': box.cashBoxId,
  'x-cashbox-accesstoken': box.accessToken,
};

const [baseline, candidate] = await compareThroughput({
  title: 'fiskaltrust sign: FiscalClient vs bare fetch (same sandbox)',
  concurrency: 4,
  baseline: {
    name: 'bare fetch POST /v2/sign',
    fn: async () => {
      const res = await fetch(`${sandbox.url}/v2/sign`, {
        method: 'POST',
        headers: { ...headers, 'x-operation-id': randomUUID() },
        body: stringifyJsonLossless(nextRequest()),
      });
      if (res.status !== 201) throw new Error(`unexpected ${res.status}`);
      await res.text();
    },
  },
  candidates: [{ name: 'FiscalClient.sign', fn: () => client.sign(nextRequest()) }],
});

await sandbox.close();
const ratio = (candidate?.opsPerSec ?? 0) / (baseline?.opsPerSec ?? 1);
process.stdout.write(
  `FiscalClient / bare fetch = ${ratio.toFixed(3)} (goal ≥ 0.95: ${ratio >= 0.95 ? 'met' : 'NOT met'})\n`,
);
