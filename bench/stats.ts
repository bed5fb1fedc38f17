/** Small timing and statistics helpers shared by the bench suites. */
import { performance } from 'node:perf_hooks';

/** Nearest-rank percentile of already sorted samples (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

export interface Summary {
  n: number;
  p50: number;
  p99: number;
  min: number;
  max: number;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    min: sorted[0]!,
    max: sorted.at(-1)!,
  };
}

/** Wall time of one call, in milliseconds. */
export function timeMs(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/** Median of `runs` timed calls after `warmup` untimed ones, in milliseconds. */
export function medianMs(fn: () => unknown, runs: number, warmup = 1): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(timeMs(fn));
  return median(times);
}

/**
 * Per-call latency samples in microseconds. `batch` calls are timed together and divided, so
 * sub-microsecond calls are not swamped by the clock's own cost; use batch 1 for slow calls.
 */
export function latencyUs(fn: () => unknown, iterations: number, warmup: number, batch = 1): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = process.hrtime.bigint();
    for (let j = 0; j < batch; j++) fn();
    out.push(Number(process.hrtime.bigint() - t0) / 1000 / batch);
  }
  return out;
}

/** Keeps a result observable so V8 cannot drop a benchmarked call as dead code. */
export let sink: unknown;
export function consume(value: unknown): void {
  sink = value;
}

export const fmt = (n: number, digits = 1): string =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : String(n);
