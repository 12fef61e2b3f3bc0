import { describe, expect, test } from 'bun:test';
import { isBenchUsageError, parseBenchArgs } from './bench-args.ts';

describe('parseBenchArgs', () => {
  test('defaults: 10 iterations, 1 warm-up, both stacks, peak RSS, a fresh build', () => {
    expect(parseBenchArgs([])).toEqual({
      iterations: 10,
      warmup: 1,
      binDir: undefined,
      only: [],
      stacks: ['dual', 'v4'],
      rss: true,
    });
  });

  test('reads every option', () => {
    expect(
      parseBenchArgs([
        '--iterations',
        '3',
        '--warmup',
        '0',
        '--bin-dir',
        '/tmp/x',
        '--only',
        'ptp',
        '--only',
        'loopback',
        '--stack',
        'v4',
        '--no-rss',
      ]),
    ).toEqual({
      iterations: 3,
      warmup: 0,
      binDir: '/tmp/x',
      only: ['ptp', 'loopback'],
      stacks: ['v4'],
      rss: false,
    });
  });

  test('refuses what it cannot use with a usage error', () => {
    for (const argv of [
      ['--iterations', '0'],
      ['--warmup', '-1'],
      ['--stack', 'v6'],
      ['--bogus'],
    ]) {
      let caught: unknown;
      try {
        parseBenchArgs(argv);
      } catch (error) {
        caught = error;
      }
      expect(isBenchUsageError(caught)).toBe(true);
    }
  });
});
