import { describe, expect, test } from 'bun:test';
import { median, p95, quantile, summarize } from './bench-stats.ts';

describe('bench statistics', () => {
  test('nearest-rank quantiles of an unsorted list', () => {
    const samples = [5, 1, 4, 2, 3];
    expect(median(samples)).toBe(3);
    expect(quantile(samples, 0)).toBe(1);
    expect(quantile(samples, 1)).toBe(5);
    expect(p95(samples)).toBe(5);
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
