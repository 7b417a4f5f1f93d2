/** Nearest-rank percentile of an unsorted sample (p in 0..100). */
export function percentile(sample: readonly number[], p: number): number {
  if (sample.length === 0) return Number.NaN;
  const sorted = [...sample].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  max: number;
}

export function summarize(sample: readonly number[]): LatencySummary {
  return {
    count: sample.length,
    p50: percentile(sample, 50),
    p95: percentile(sample, 95),
    max: sample.length ? Math.max(...sample) : Number.NaN,
  };
}
