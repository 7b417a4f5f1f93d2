// Sandbox throughput on loopback: signed Wallet `GET /spots` and fiskaltrust `POST /v2/sign`, against a
// bare node:http hello-world server measured in the same run (goal: ≥ 5 000 fiskaltrust signs/s on one core).
// Run: pnpm --filter @tillkit/sandbox bench
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { createInterface } from 'node:readline';
import { fiskaltrustHeaders, signMac } from '@tillkit/auth';
import { compareThroughput } from '@tillkit/bench';
import { stringifyJsonLossless } from '@tillkit/models';
import type { SandboxCredentials } from '../src/index.ts';

const concurrency = 16;
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });

function send(url: string, method: string, headers: Record<string, string>, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent }, (res) => {
      res.resume();
      res.on('end', () =>
        res.statusCode !== undefined && res.statusCode < 300
          ? resolve(res.statusCode)
          : reject(new Error(`HTTP ${res.statusCode} for ${method} ${url}`)),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

const child = spawn(
  process.execPath,
  ['--conditions=@tillkit/source', '--no-warnings', new URL('./servers.ts', import.meta.url).pathname],
  {
    stdio: ['pipe', 'pipe', 'inherit'],
  },
);
const line = await new Promise<string>((resolve) =>
  createInterface({ input: child.stdout }).once('line', resolve),
);
const { hello, urls, credentials } = JSON.parse(line) as {
  hello: string;
  urls: { wallet: string; fiskaltrust: string };
  credentials: SandboxCredentials;
};

const spotsUrl = `${urls.wallet}/spots?status=waiting&location_id=${credentials.wallet.locationId}`;
const mac = { macId: credentials.wallet.macId, macKey: credentials.wallet.macKey };
const ftHeaders = { ...fiskaltrustHeaders(credentials.fiskaltrust), 'content-type': 'application/json' };
let n = 0;
const receipt = () =>
  stringifyJsonLossless({
    ftCashBoxID: credentials.fiskaltrust.cashBoxId,
    cbTerminalID: 'T1',
    cbReceiptReference: `BENCH-${++n}`,
    cbReceiptMoment: new Date().toISOString(),
    cbChargeItems: [
      { Quantity: 1, Description: 'Coffee', Amount: 3.5, VATRate: 20, ftChargeItemCase: 0x2000_0000_0013n },
    ],
    cbPayItems: [{ Description: 'Cash', Amount: 3.5, ftPayItemCase: 0x2000_0000_0001n }],
    ftReceiptCase: 0x2000_0000_0001n,
  });

try {
  await compareThroughput({
    title: 'sandbox on loopback (servers in a child process)',
    concurrency,
    baseline: { name: 'bare node:http hello-world', fn: () => send(hello, 'GET', {}) },
    candidates: [
      {
        name: 'sandbox core: Wallet GET /server (no auth)',
        fn: () => send(`${urls.wallet}/server`, 'GET', {}),
      },
      {
        name: 'Wallet GET /spots (MAC signed + verified)',
        fn: () =>
          send(spotsUrl, 'GET', {
            authorization: signMac({ credentials: mac, method: 'GET', url: spotsUrl }).authorization,
          }),
      },
      {
        name: 'fiskaltrust POST /v2/sign',
        fn: () =>
          send(
            `${urls.fiskaltrust}/sign`,
            'POST',
            { ...ftHeaders, 'x-operation-id': randomUUID() },
            receipt(),
          ),
      },
    ],
  });
} finally {
  child.stdin.end();
  agent.destroy();
}
