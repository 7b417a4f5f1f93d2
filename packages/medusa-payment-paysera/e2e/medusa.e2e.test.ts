// The root `pnpm test` (vitest) runs this package's jest suites as one step: Medusa's test runners need
// jest (platforms.md A1.5). The jest JSON report decides; its failures are the assertion message.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';

const packageDir = path.dirname(path.dirname(new URL(import.meta.url).pathname));

interface JestReport {
  numPassedTests: number;
  numFailedTests: number;
  testResults: Array<{
    name: string;
    assertionResults: Array<{ fullName: string; status: string; failureMessages: string[] }>;
  }>;
}

it('passes every jest suite of @tillkit/medusa-payment-paysera (unit specs and the Medusa e2e)', {
  timeout: 600_000,
}, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tk-medusa-jest-'));
  const reportFile = path.join(dir, 'report.json');
  try {
    const output: Buffer[] = [];
    const child = spawn(
      process.execPath,
      [path.join(packageDir, 'e2e/run-jest.mjs'), '--json', `--outputFile=${reportFile}`],
      {
        cwd: packageDir,
        env: { ...process.env, NODE_OPTIONS: '' },
      },
    );
    child.stdout.on('data', (d: Buffer) => output.push(d));
    child.stderr.on('data', (d: Buffer) => output.push(d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    let report: JestReport;
    try {
      report = JSON.parse(readFileSync(reportFile, 'utf8')) as JestReport;
    } catch {
      throw new Error(
        `jest wrote no report (exit ${code}):\n${Buffer.concat(output).toString().slice(-4000)}`,
      );
    }
    const failures = report.testResults.flatMap((f) =>
      f.assertionResults
        .filter((a) => a.status === 'failed')
        .map((a) => `${a.fullName}\n${a.failureMessages.join('\n').slice(0, 1500)}`),
    );
    expect(failures).toEqual([]);
    expect(report.numPassedTests).toBeGreaterThan(0);
    expect(code).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
