import { describe, expect, test } from 'bun:test';
import { bandwidthBuffer, bandwidthLatencyUs, bandwidthLimit, bandwidthTbf } from './tbf-math.ts';

describe('bandwidthTbf', () => {
  // reference-plugins.md §6.7: ingress 8 Mbit/s burst 1 Mbit -> "rate 8Mbit burst 125000b
  // lat 25ms"; egress 4 Mbit/s burst 500 kbit -> "rate 4Mbit burst 62500b lat 25ms". The buffer
  // and limit are what the Go plugin sent (goBandwidthRequests in _captures.ts).
  test('gives the recorded numbers for 8 Mbit/s with a 1 Mbit burst', () => {
    expect(bandwidthTbf(8_000_000, 1_000_000)).toEqual({
      rate: 1_000_000,
      burst: 125_000,
      buffer: 1_953_125,
      limit: 150_000,
    });
  });

  test('gives the recorded numbers for 4 Mbit/s with a 500 kbit burst', () => {
    expect(bandwidthTbf(4_000_000, 500_000)).toEqual({
      rate: 500_000,
      burst: 62_500,
      buffer: 1_953_125,
      limit: 75_000,
    });
  });

  test('truncates where Go converts to uint32 (3 Mbit/s, 100 kbit burst)', () => {
    // 12500 B at 375000 B/s is 33333.33 us -> 33333 us -> 520828.125 ticks -> 520828;
    // limit: 375000 * 0.025 = 9375, + 12500.
    expect(bandwidthTbf(3_000_000, 100_000)).toEqual({
      rate: 375_000,
      burst: 12_500,
      buffer: 520_828,
      limit: 21_875,
    });
  });

  test("drops the bits that do not make a whole byte, as Go's integer division does", () => {
    expect(bandwidthTbf(8_000_007, 1_000_007)).toMatchObject({ rate: 1_000_000, burst: 125_000 });
  });

  test('rejects what the plugin rejects', () => {
    expect(() => bandwidthTbf(0, 100)).toThrow('invalid rate: 0');
    expect(() => bandwidthTbf(100, 0)).toThrow('invalid burst: 0');
    expect(() => bandwidthTbf(7, 100)).toThrow(TypeError);
    expect(() => bandwidthTbf(8_000_000, 8 * 2 ** 32)).toThrow('burst cannot be more than 4GB');
  });
});

describe('the helpers', () => {
  test('latency is 25 ms in microseconds', () => {
    expect(bandwidthLatencyUs()).toBe(25_000);
  });

  test("buffer is the ticks to send the burst; limit adds the latency's worth of bytes", () => {
    expect(bandwidthBuffer(1_000_000, 125_000)).toBe(125_000 * 15.625);
    expect(bandwidthLimit(1_000_000, 25_000, 125_000)).toBe(150_000);
  });
});
