import { describe, expect, test } from 'bun:test';
import { isKillProbeUsageError, parseKillProbeArgs } from './kill-probe-args.ts';

function usageError(argv: string[]): string {
  try {
    parseKillProbeArgs(argv);
  } catch (error) {
    if (isKillProbeUsageError(error)) return error.message;
    throw error;
  }
  throw new Error('expected a usage error');
}

describe('parseKillProbeArgs', () => {
  test('defaults: 200 kills, ours only, both plugins', () => {
    expect(parseKillProbeArgs([])).toEqual({
      kills: 200,
      go: false,
      binDir: undefined,
      plugins: ['bridge', 'ptp'],
    });
  });

  test('reads every option', () => {
    expect(
      parseKillProbeArgs(['--kills', '5', '--go', '--bin-dir', '/x', '--plugin', 'ptp']),
    ).toEqual({ kills: 5, go: true, binDir: '/x', plugins: ['ptp'] });
  });

  test('refuses what it cannot use', () => {
    expect(usageError(['--kills', '0'])).toBe('--kills wants an integer >= 1, got 0');
    expect(usageError(['--plugin', 'macvlan'])).toBe('--plugin wants bridge or ptp, got macvlan');
    expect(usageError(['--bin-dir'])).toBe('--bin-dir wants a directory');
    expect(usageError(['--fast'])).toBe('unknown argument --fast');
  });
});
