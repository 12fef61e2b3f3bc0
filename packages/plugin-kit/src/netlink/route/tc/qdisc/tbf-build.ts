// Building tbf options from rates and sizes, the way the two reference tools do.
import { lastOf } from '../../_attribute-table.ts';
import { checkUint } from '../../_bytes.ts';
import { TC_LINKLAYER, TIME_UNITS_PER_SEC } from '../constants.ts';
import { truncU32, xmitTime } from '../psched.ts';
import { ZERO_RATE_SPEC } from '../rate-spec.ts';
import { calcRateTable } from '../rate-table.ts';
import type { TbfAttribute, TbfOptions, TbfQopt } from './tbf.ts';

const TWO_32 = 2 ** 32;

/** What `tc qdisc add … tbf` takes; sizes in bytes, rates in bytes per second. */
export interface TbfParams {
  /** `rate`, bytes per second (tc's "8mbit" is 1000000). */
  readonly rate: number;
  /** `burst` (also `buffer`, `maxburst`): the bucket, bytes. */
  readonly burst: number;
  /** `limit`: bytes that may queue. Give exactly one of limit and latency. */
  readonly limit?: number;
  /** `latency`: the longest a packet may wait, microseconds; limit is computed from it. */
  readonly latency?: number;
  /** `peakrate`, bytes per second. Needs `mtu`. */
  readonly peakrate?: number;
  /** `mtu` (also `minburst`): the peak bucket, bytes; also sizes the rate tables. */
  readonly mtu?: number;
  /** `mpu`: minimum packet unit, bytes. */
  readonly mpu?: number;
  /** `overhead`: per-packet overhead, bytes. */
  readonly overhead?: number;
  /** `linklayer`: TC_LINKLAYER.ETHERNET (default) or TC_LINKLAYER.ATM. */
  readonly linklayer?: number;
}

function positive(value: number | undefined, what: string): number {
  if (value === undefined || !Number.isInteger(value) || value <= 0) {
    throw new TypeError(`tbf: ${what} must be a positive integer, got ${value}`);
  }
  return value;
}

/** A rate as it fits the u32 in struct tc_ratespec: larger ones are sent as ~0U plus a RATE64. */
function clampRate(rate: number): number {
  return rate >= TWO_32 ? 0xffffffff : rate;
}

/**
 * The tbf options `tc qdisc add … tbf rate R burst B (limit L | latency T) [peakrate P mtu M]
 * [mpu] [overhead] [linklayer]` sends (iproute2 tc/q_tbf.c): TCA_TBF_PARMS, TCA_TBF_BURST,
 * TCA_TBF_RATE64 (rates from 2^32 bytes/s), TCA_TBF_RTAB, then for a peak rate
 * TCA_TBF_PRATE64, TCA_TBF_PBURST and TCA_TBF_PTAB. The kernel derives the bucket's time
 * from TCA_TBF_BURST.
 */
export function tbfOptionsLikeTc(params: TbfParams): TbfOptions {
  const rate64 = positive(params.rate, 'rate');
  const burst = checkUint(positive(params.burst, 'burst'), 0xffffffff, 'tbf: burst');
  const prate64 = params.peakrate ?? 0;
  if (prate64 !== 0) positive(prate64, 'peakrate');
  const mtu = params.mtu ?? 0;
  if (prate64 !== 0 && mtu === 0) throw new TypeError('tbf: a peakrate needs mtu (minburst)');
  if ((params.limit === undefined) === (params.latency === undefined)) {
    throw new TypeError('tbf: give exactly one of limit and latency');
  }
  let limit = params.limit;
  if (limit === undefined) {
    const latency = params.latency ?? 0;
    let lim = (rate64 * latency) / TIME_UNITS_PER_SEC + burst;
    if (prate64 !== 0) {
      const lim2 = (prate64 * latency) / TIME_UNITS_PER_SEC + mtu;
      if (lim2 < lim) lim = lim2;
    }
    limit = truncU32(lim);
  }
  const common = {
    mpu: params.mpu ?? 0,
    overhead: params.overhead ?? 0,
    mtu,
    linklayer: params.linklayer ?? TC_LINKLAYER.ETHERNET,
  };
  const rate = calcRateTable({ ...common, rate: clampRate(rate64) });
  const peak = prate64 === 0 ? undefined : calcRateTable({ ...common, rate: clampRate(prate64) });
  const attributes: TbfAttribute[] = [
    {
      kind: 'TCA_TBF_PARMS',
      value: {
        rate: rate.spec,
        peakrate: peak?.spec ?? ZERO_RATE_SPEC,
        limit: checkUint(limit, 0xffffffff, 'tbf: limit'),
        buffer: xmitTime(rate.spec.rate, burst),
        mtu: peak === undefined ? 0 : xmitTime(peak.spec.rate, mtu),
      },
    },
    { kind: 'TCA_TBF_BURST', value: burst },
  ];
  if (rate64 >= TWO_32) attributes.push({ kind: 'TCA_TBF_RATE64', value: BigInt(rate64) });
  attributes.push({ kind: 'TCA_TBF_RTAB', value: rate.table });
  if (peak !== undefined) {
    if (prate64 >= TWO_32) attributes.push({ kind: 'TCA_TBF_PRATE64', value: BigInt(prate64) });
    attributes.push({ kind: 'TCA_TBF_PBURST', value: mtu });
    attributes.push({ kind: 'TCA_TBF_PTAB', value: peak.table });
  }
  return { kind: 'tbf', attributes };
}

/** What vishvananda/netlink's Tbf takes: the bucket as ticks (`buffer`), not bytes. */
export interface TbfBufferParams {
  /** Bytes per second. */
  readonly rate: number;
  /** The bucket as the ticks needed to send it at `rate` (see xmitTime, bandwidthTbf). */
  readonly buffer: number;
  /** Bytes that may queue. */
  readonly limit: number;
  /** Bytes per second. */
  readonly peakrate?: number;
  /** The peak bucket, bytes (sent as TCA_TBF_PBURST). */
  readonly minburst?: number;
}

/**
 * The tbf options vishvananda/netlink (as built into the Go reference plugins) sends for a
 * netlink.Tbf: TCA_TBF_PARMS with only the rates, limit and buffer set (no rate table, link
 * layer left unaware), TCA_TBF_RATE64 / TCA_TBF_PRATE64 from 2^32 bytes/s (the u32 rate
 * then keeps the low 32 bits, as Go's uint32() does), TCA_TBF_PBURST with a peak rate. The
 * kernel keeps `buffer` as given, which is what the bandwidth plugin's CHECK compares.
 */
export function tbfOptionsFromBuffer(params: TbfBufferParams): TbfOptions {
  const rate = positive(params.rate, 'rate');
  const peakrate = params.peakrate ?? 0;
  const attributes: TbfAttribute[] = [
    {
      kind: 'TCA_TBF_PARMS',
      value: {
        rate: { ...ZERO_RATE_SPEC, rate: rate % TWO_32 },
        peakrate: { ...ZERO_RATE_SPEC, rate: peakrate % TWO_32 },
        limit: checkUint(params.limit, 0xffffffff, 'tbf: limit'),
        buffer: checkUint(params.buffer, 0xffffffff, 'tbf: buffer'),
        mtu: 0,
      },
    },
  ];
  if (rate >= TWO_32) attributes.push({ kind: 'TCA_TBF_RATE64', value: BigInt(rate) });
  if (peakrate >= TWO_32) attributes.push({ kind: 'TCA_TBF_PRATE64', value: BigInt(peakrate) });
  if (peakrate > 0) attributes.push({ kind: 'TCA_TBF_PBURST', value: params.minburst ?? 0 });
  return { kind: 'tbf', attributes };
}

/** The TCA_TBF_PARMS of tbf options, if any. */
export function tbfParms(options: TbfOptions): TbfQopt | undefined {
  return lastOf(options.attributes, 'TCA_TBF_PARMS');
}
