// Order statistics for the benchmark: median and p95 of a list of durations.

/** The value at quantile `q` (0..1) by the nearest-rank method; NaN for no samples. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

/** The median (the lower middle value for an even count, as nearest-rank gives). */
export function median(samples: readonly number[]): number {
  return quantile(samples, 0.5);
}

/** The 95th percentile (nearest rank: with fewer than 20 samples, the largest). */
/**
 * The median of `a[i] - b[i]`: what A adds over B, from rounds that ran both back to back
 * (drift of the machine between rounds cancels out). Pairs beyond the shorter list are
 * ignored.
 */
export function pairedMedian(a: readonly number[], b: readonly number[]): number {
  const length = Math.min(a.length, b.length);
  const differences: number[] = [];
  for (let i = 0; i < length; i++) differences.push((a[i] as number) - (b[i] as number));
  return median(differences);
}

export function p95(samples: readonly number[]): number {
  return quantile(samples, 0.95);
}

/** Median and p95 of one series. */
export interface Summary {
  readonly count: number;
  readonly median: number;
  readonly p95: number;
}

export function summarize(samples: readonly number[]): Summary {
  return { count: samples.length, median: median(samples), p95: p95(samples) };
}
