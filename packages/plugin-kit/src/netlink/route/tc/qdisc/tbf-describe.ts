import { lastOf } from '../../_attribute-table.ts';
import { TIME_UNITS_PER_SEC } from '../constants.ts';
import { ticksToUs, xmitSize } from '../psched.ts';
import type { TbfOptions } from './tbf.ts';

/** A tbf qdisc's parameters as `tc qdisc show` prints them. */
export interface TbfParameters {
  /** Bytes per second (TCA_TBF_RATE64 when present, else the u32 in the rate spec). */
  readonly rate: number;
  /** The bucket, bytes ("burst 125000b"). */
  readonly burst: number;
  /** Bytes that may queue. */
  readonly limit: number;
  /** The bucket as ticks (tc_tbf_qopt.buffer), what the bandwidth plugin's CHECK compares. */
  readonly buffer: number;
  /** Microseconds a packet may wait ("lat 25ms"); may be negative or fractional. */
  readonly latency: number;
  /** TC_LINKLAYER_* of the rate spec: ETHERNET from tc, UNAWARE from vishvananda/netlink. */
  readonly linklayer: number;
  readonly mpu: number;
  readonly overhead: number;
  /** Bytes per second, when there is a peak rate. */
  readonly peakrate?: number;
  /** The peak bucket, bytes ("minburst 1540b"), when there is a peak rate. */
  readonly minburst?: number;
}

/**
 * Reads rate, burst, limit, latency and peak rate back from tbf options, as tc's
 * tbf_print_opt does. Undefined when there is no TCA_TBF_PARMS. In a request that carries
 * TCA_TBF_BURST / TCA_TBF_PBURST those give the bucket sizes; in a dump they are derived
 * from the ticks.
 */
export function describeTbf(options: TbfOptions): TbfParameters | undefined {
  const parms = lastOf(options.attributes, 'TCA_TBF_PARMS');
  if (parms === undefined) return undefined;
  const rate64 = lastOf(options.attributes, 'TCA_TBF_RATE64');
  const prate64 = lastOf(options.attributes, 'TCA_TBF_PRATE64');
  const rate = rate64 === undefined ? parms.rate.rate : Number(rate64);
  const peakrate = prate64 === undefined ? parms.peakrate.rate : Number(prate64);
  const burst = lastOf(options.attributes, 'TCA_TBF_BURST') ?? xmitSize(rate, parms.buffer);
  let latency = TIME_UNITS_PER_SEC * (parms.limit / rate) - ticksToUs(parms.buffer);
  const common = {
    rate,
    burst,
    limit: parms.limit,
    buffer: parms.buffer,
    linklayer: parms.rate.linklayer,
    mpu: parms.rate.mpu,
    overhead: parms.rate.overhead,
  };
  if (peakrate === 0) return { ...common, latency };
  const minburst = lastOf(options.attributes, 'TCA_TBF_PBURST') ?? xmitSize(peakrate, parms.mtu);
  const latency2 = TIME_UNITS_PER_SEC * (parms.limit / peakrate) - ticksToUs(parms.mtu);
  if (latency2 > latency) latency = latency2;
  return { ...common, latency, peakrate, minburst };
}
