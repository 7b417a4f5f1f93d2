export { compareThroughput, type BenchCase, type ThroughputResult } from './throughput.ts';
export { percentile, summarize, type LatencySummary } from './stats.ts';
export { printTable } from './table.ts';
