import { describe, expect, test } from 'bun:test';
import { median, p95, pairedMedian, quantile, summarize } from './bench-stats.ts';

describe('bench statistics', () => {
  test('nearest-rank quantiles of an unsorted list', () => {
    const samples = [5, 1, 4, 2, 3];
    expect(median(samples)).toBe(3);
    expect(quantile(samples, 0)).toBe(1);
    expect(quantile(samples, 1)).toBe(5);
    expect(p95(samples)).toBe(5);
  });

  test('pairedMedian is the median of the per-round differences', () => {
    // The medians (20 and 10) differ by 10; two rounds of three say A costs 1 more.
    expect(pairedMedian([11, 20, 30], [10, 19, 10])).toBe(1);
    expect(pairedMedian([5, 6, 7, 100], [4, 5, 6])).toBe(1);
  });

  test('p95 of twenty samples is the nineteenth smallest', () => {
    const samples = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(p95(samples)).toBe(19);
    expect(median(samples)).toBe(10);
  });

  test('no samples give NaN and do not throw', () => {
    expect(summarize([])).toEqual({ count: 0, median: Number.NaN, p95: Number.NaN });
  });
});
