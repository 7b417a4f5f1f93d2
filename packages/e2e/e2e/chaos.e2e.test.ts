import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The CI-sized chaos run (issue 14): the `pnpm chaos` entry as its own process, a small N. It must close
// with zeros and exit 0; the full run is `pnpm chaos --payments 10000`.

const bin = fileURLToPath(new URL('../src/chaos/bin.ts', import.meta.url));

function chaos(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--conditions=@tillkit/source', '--no-warnings', bin, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('pnpm chaos', () => {
  it('30 payments over 3 workers with kills and faults: every count that must be 0 is 0', async () => {
    const r = await chaos(['--payments', '30', '--concurrency', '10', '--kill-every-ms', '2500']);
    const line = r.stdout.trim();
    expect(line, r.stderr).toMatch(
      /^chaos: 30 payments, 3 workers, (\d+) kills, (\d+) faults; double confirms 0, double signs 0, held reservations 0, open spots 0, stuck 0, lost receipts 0$/,
    );
    const [, kills, faults] = /(\d+) kills, (\d+) faults/.exec(line) ?? [];
    // The run must actually have been chaotic: workers killed and faults fired.
    expect(Number(kills)).toBeGreaterThan(0);
    expect(Number(faults)).toBeGreaterThan(0);
    // And payments must actually have gone through (not 30 cancels).
    expect(r.stderr).toMatch(/"confirmed\+signed":[1-9]/);
    expect(r.code).toBe(0);
  }, 180_000);
});
