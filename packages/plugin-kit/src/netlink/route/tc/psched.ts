// The packet scheduler's time units, computed the way tc (iproute2 tc/tc_core.c) and
// vishvananda/netlink do, in doubles, truncating where their C/Go code converts to an
// unsigned 32-bit integer. Times are microseconds; ticks are 64 ns.
import { PSCHED_TICKS_PER_USEC, TIME_UNITS_PER_SEC } from './constants.ts';

const TWO_32 = 2 ** 32;

/**
 * A double converted to u32 as C's `(unsigned)` and Go's `uint32()` do on x86-64 and arm64
 * for the values that occur here: the fraction dropped, the result taken modulo 2^32.
 */
export function truncU32(value: number): number {
  if (!Number.isFinite(value)) throw new TypeError(`${value} is not a finite number`);
  const whole = Math.trunc(value);
  return ((whole % TWO_32) + TWO_32) % TWO_32;
}

/** Microseconds to ticks (tc_core_time2tick, vishvananda time2Tick); `us` is a u32. */
export function usToTicks(us: number): number {
  return truncU32(truncU32(us) * PSCHED_TICKS_PER_USEC);
}

/** Ticks to whole microseconds (tc_core_tick2time, vishvananda tick2Time). */
export function ticksToUs(ticks: number): number {
  return truncU32(truncU32(ticks) / PSCHED_TICKS_PER_USEC);
}

/**
 * Ticks needed to send `size` bytes at `rate` bytes per second (tc_calc_xmittime):
 * time2tick(1e6 * (size / rate)).
 */
export function xmitTime(rate: number, size: number): number {
  if (!(rate > 0)) throw new TypeError(`rate ${rate} must be positive`);
  return usToTicks(truncU32(TIME_UNITS_PER_SEC * (size / rate)));
}

/** Bytes sent in `ticks` at `rate` bytes per second (tc_calc_xsize). */
export function xmitSize(rate: number, ticks: number): number {
  return truncU32((rate * ticksToUs(ticks)) / TIME_UNITS_PER_SEC);
}
