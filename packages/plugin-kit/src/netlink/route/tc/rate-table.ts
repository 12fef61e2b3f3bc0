// The rate table tc sends with a rate (TCA_TBF_RTAB, 256 u32 = TC_RTAB_SIZE): entry i holds
// the ticks needed to send a packet of (i + 1) << cell_log bytes, as tc_calc_rtab
// (iproute2 tc/tc_core.c) computes it. The kernel only uses it to tell the link layer
// (Ethernet or ATM) when the rate spec says TC_LINKLAYER_UNAWARE; a rate spec that names the
// link layer, or one sent without a table (as vishvananda/netlink does), works as well.
import { TC_LINKLAYER } from './constants.ts';
import { xmitTime } from './psched.ts';
import type { TcRateSpec } from './rate-spec.ts';

const ATM_CELL_PAYLOAD = 48;
const ATM_CELL_SIZE = 53;

export interface RateTableInput {
  /** Bytes per second as it goes in the rate spec (at most 2^32 - 1). */
  readonly rate: number;
  /** Minimum packet unit (tc `mpu`), default 0. */
  readonly mpu?: number;
  /** Per-packet overhead (tc `overhead`), default 0; reported to the kernel only. */
  readonly overhead?: number;
  /** Largest packet the table covers (tc `mtu`); 0 or absent means 2047. */
  readonly mtu?: number;
  /** log2 of the bytes per entry; absent means the smallest that covers `mtu` in 256 entries. */
  readonly cellLog?: number;
  /** TC_LINKLAYER.ETHERNET (default) or TC_LINKLAYER.ATM. */
  readonly linklayer?: number;
}

export interface RateTable {
  /** The rate spec tc sends with it: cell_log, link layer, cell_align -1, mpu, overhead, rate. */
  readonly spec: TcRateSpec;
  /** 256 entries, ticks per packet size. */
  readonly table: readonly number[];
}

function alignToAtm(size: number): number {
  return Math.ceil(size / ATM_CELL_PAYLOAD) * ATM_CELL_SIZE;
}

function adjustSize(size: number, mpu: number, linklayer: number): number {
  const atLeast = Math.max(size, mpu);
  return linklayer === TC_LINKLAYER.ATM ? alignToAtm(atLeast) : atLeast;
}

/** tc_calc_rtab: the rate table and rate spec for a rate. */
export function calcRateTable(input: RateTableInput): RateTable {
  const mtu = input.mtu === undefined || input.mtu === 0 ? 2047 : input.mtu;
  const mpu = input.mpu ?? 0;
  const linklayer = input.linklayer ?? TC_LINKLAYER.ETHERNET;
  let cellLog = input.cellLog ?? 0;
  if (input.cellLog === undefined) while (mtu >>> cellLog > 255) cellLog++;
  const table = Array.from({ length: 256 }, (_, i) =>
    xmitTime(input.rate, adjustSize((i + 1) << cellLog, mpu, linklayer)),
  );
  return {
    spec: {
      cellLog,
      linklayer: linklayer & 0x0f,
      overhead: input.overhead ?? 0,
      cellAlign: -1,
      mpu,
      rate: input.rate,
    },
    table,
  };
}
