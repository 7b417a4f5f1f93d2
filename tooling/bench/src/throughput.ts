import { printTable } from './table.ts';

export interface BenchCase {
  name: string;
  /** One operation. Awaited; `concurrency` copies run at once. */
  fn: () => unknown;
}

export interface ThroughputResult {
  name: string;
  opsPerSec: number;
  /** opsPerSec divided by the baseline's, measured in the same run. */
  ratio: number;
}

interface Options {
  title: string;
  baseline: BenchCase;
  candidates: BenchCase[];
  /** Wall time per measured slice. @default 1000 */
  sliceMs?: number;
  /** Slices per case; cases are interleaved slice by slice so machine drift hits them alike. @default 5 */
  rounds?: number;
  /** Operations in flight at once. @default 1 */
  concurrency?: number;
  /** Untimed warm-up per case. @default 300 */
  warmupMs?: number;
}

async function runFor(
  c: BenchCase,
  ms: number,
  concurrency: number,
): Promise<{ ops: number; elapsed: number }> {
  let ops = 0;
  const start = performance.now();
  const deadline = start + ms;
  const worker = async () => {
    while (performance.now() < deadline) {
      await c.fn();
      ops++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { ops, elapsed: performance.now() - start };
}

/**
 * Measures the throughput of each candidate against a baseline in the same process and run, and prints
 * ratios. Absolute numbers vary by machine; the ratio is what a benchmark reports.
 */
export async function compareThroughput(o: Options): Promise<ThroughputResult[]> {
  const slice = o.sliceMs ?? 1000;
  const rounds = o.rounds ?? 5;
  const conc = o.concurrency ?? 1;
  const cases = [o.baseline, ...o.candidates];
  for (const c of cases) await runFor(c, o.warmupMs ?? 300, conc);
  const totals = cases.map(() => ({ ops: 0, elapsed: 0 }));
  for (let r = 0; r < rounds; r++) {
    for (const [i, c] of cases.entries()) {
      const { ops, elapsed } = await runFor(c, slice, conc);
      const t = totals[i] as { ops: number; elapsed: number };
      t.ops += ops;
      t.elapsed += elapsed;
    }
  }
  const rates = totals.map((t) => (t.ops * 1000) / t.elapsed);
  const base = rates[0] as number;
  const results = cases.map((c, i) => ({
    name: c.name,
    opsPerSec: rates[i] as number,
    ratio: (rates[i] as number) / base,
  }));
  printTable(
    `${o.title} (concurrency ${conc}, ${rounds}×${slice} ms interleaved)`,
    results.map((r) => ({
      case: r.name,
      'ops/s': Math.round(r.opsPerSec),
      'ratio vs baseline': r.ratio.toFixed(3),
    })),
  );
  return results;
}
