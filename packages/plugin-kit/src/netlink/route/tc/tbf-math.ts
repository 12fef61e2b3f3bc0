// The bandwidth plugin's token-bucket numbers, computed exactly as the Go reference plugin
// (plugins/meta/bandwidth/ifb_creator.go over vishvananda/netlink) computes them, so that
// its CHECK and ours agree on qdiscs either of them made. Rates and bursts come in bits;
// float64 arithmetic and the uint32() truncations are kept in the same order.
import { TIME_UNITS_PER_SEC } from './constants.ts';
import { truncU32, usToTicks } from './psched.ts';

/** The latency the plugin allows a packet to wait in the bucket, milliseconds. */
export const BANDWIDTH_LATENCY_MS = 25;

/** The parameters of one bandwidth-plugin tbf qdisc. */
export interface BandwidthTbf {
  /** Bytes per second: rate bits / 8. */
  readonly rate: number;
  /** The bucket, bytes: burst bits / 8. */
  readonly burst: number;
  /** The bucket as ticks: time2Tick(uint32(burst · 1e6 / rate)). */
  readonly buffer: number;
  /** Bytes that may queue: uint32(rate · latency / 1e6) + burst. */
  readonly limit: number;
}

/** The plugin's latency in microseconds: float64(1e6) · (25 / 1000.0). */
export function bandwidthLatencyUs(latencyMs: number = BANDWIDTH_LATENCY_MS): number {
  return TIME_UNITS_PER_SEC * (latencyMs / 1000.0);
}

/** buffer(rate, burst): the ticks to send `burst` bytes at `rate` bytes per second. */
export function bandwidthBuffer(rate: number, burst: number): number {
  return usToTicks(truncU32((burst * TIME_UNITS_PER_SEC) / rate));
}

/** limit(rate, latency, burst): bytes that may queue. */
export function bandwidthLimit(rate: number, latencyUs: number, burst: number): number {
  return truncU32(truncU32((rate * latencyUs) / TIME_UNITS_PER_SEC) + burst);
}

/**
 * The tbf the bandwidth plugin puts on a link for a rate and burst in bits (createTBF):
 * the same rate, limit and buffer. Throws TypeError, with the plugin's words, for a rate or
 * burst that is not positive, and for a burst of 4 GiB or more.
 */
export function bandwidthTbf(rateBits: number, burstBits: number): BandwidthTbf {
  if (!Number.isInteger(rateBits) || rateBits <= 0)
    throw new TypeError(`invalid rate: ${rateBits}`);
  if (!Number.isInteger(burstBits) || burstBits <= 0) {
    throw new TypeError(`invalid burst: ${burstBits}`);
  }
  const rate = Math.floor(rateBits / 8);
  const burst = Math.floor(burstBits / 8);
  if (rate === 0)
    throw new TypeError(`invalid rate: ${rateBits} bits/s is under one byte per second`);
  if (burst > 0xffffffff) throw new TypeError('burst cannot be more than 4GB');
  return {
    rate,
    burst,
    buffer: bandwidthBuffer(rate, burst),
    limit: bandwidthLimit(rate, bandwidthLatencyUs(), burst),
  };
}
