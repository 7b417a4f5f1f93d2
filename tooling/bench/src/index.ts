export { type LatencySummary, percentile, summarize } from './stats.ts';
export { printTable } from './table.ts';
export { type BenchCase, compareThroughput, type ThroughputResult } from './throughput.ts';
