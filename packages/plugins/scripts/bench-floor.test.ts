import { describe, expect, test } from 'bun:test';
import { FLOOR_TARGET, type FloorResult, formatFloor } from './bench-floor.ts';
import { summarize } from './bench-stats.ts';

const result = (ours: number[], floor: number[]): FloorResult => ({
  ours: summarize(ours),
  floor: summarize(floor),
  oursRssKib: 28 * 1024,
  floorRssKib: 24 * 1024,
});

describe('formatFloor', () => {
  test('prints both medians, the RSS and the ratio against the target', () => {
    const text = formatFloor(result([5, 5, 6], [4, 4, 5]));
    expect(text).toContain('median 4.0 ms');
    expect(text).toContain('peak RSS 24.0 MiB');
    expect(text).toContain(`1.25x the floor (target <=${FLOOR_TARGET}x: yes)`);
  });

  test('says NO when our start-up is over the target', () => {
    expect(formatFloor(result([8, 8, 8], [4, 4, 4]))).toContain(
      '2.00x the floor (target <=1.3x: NO)',
    );
  });
});
