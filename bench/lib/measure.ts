/** Timing for benchmarks: bounded in both iterations and wall time, always. */
import { percentile } from './percentile.js';

/** Summary of one measured operation, in milliseconds. */
export interface Measurement {
  name: string;
  iterations: number;
  medianMs: number;
  p95Ms: number;
  opsPerSecond: number;
}

/** Limits of one measurement: it stops at whichever comes first, after at least `minIterations`. */
export interface MeasureLimits {
  warmup?: number;
  minIterations?: number;
  maxIterations?: number;
  maxMs?: number;
}

/** Runs `fn` repeatedly (awaited) and reports median, p95 and throughput. */
export async function measure(
  name: string,
  fn: () => unknown,
  { warmup = 3, minIterations = 10, maxIterations = 1000, maxMs = 3000 }: MeasureLimits = {},
): Promise<Measurement> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  const start = performance.now();
  while (
    times.length < minIterations ||
    (times.length < maxIterations && performance.now() - start < maxMs)
  ) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  const total = times.reduce((a, b) => a + b, 0);
  times.sort((a, b) => a - b);
  return {
    name,
    iterations: times.length,
    medianMs: percentile(times, 0.5),
    p95Ms: percentile(times, 0.95),
    opsPerSecond: (times.length * 1000) / total,
  };
}
