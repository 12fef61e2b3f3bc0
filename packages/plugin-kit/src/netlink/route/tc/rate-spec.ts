import { checkInt, checkUint } from '../_bytes.ts';

/** Size of struct tc_ratespec. */
export const TC_RATESPEC_LEN = 12;

/** struct tc_ratespec: a rate in bytes per second and how its rate table was built. */
export interface TcRateSpec {
  /** cell_log: rate table entry i covers packets up to (i + 1) << cellLog bytes. */
  readonly cellLog: number;
  /** TC_LINKLAYER_* (tc sends ETHERNET; 0, UNAWARE, lets the kernel guess from the table). */
  readonly linklayer: number;
  readonly overhead: number;
  /** tc sends -1. */
  readonly cellAlign: number;
  readonly mpu: number;
  /** Bytes per second, at most 2^32 - 1 (larger rates go in a RATE64 attribute). */
  readonly rate: number;
}

/** A rate spec with every field zero (no rate: an absent peak rate). */
export const ZERO_RATE_SPEC: TcRateSpec = {
  cellLog: 0,
  linklayer: 0,
  overhead: 0,
  cellAlign: 0,
  mpu: 0,
  rate: 0,
};

/** Writes struct tc_ratespec at `offset`. */
export function writeRateSpec(view: DataView, offset: number, spec: TcRateSpec): void {
  view.setUint8(offset, checkUint(spec.cellLog, 0xff, 'cellLog'));
  view.setUint8(offset + 1, checkUint(spec.linklayer, 0xff, 'linklayer'));
  view.setUint16(offset + 2, checkUint(spec.overhead, 0xffff, 'overhead'), true);
  view.setInt16(offset + 4, checkInt(spec.cellAlign, -0x8000, 0x7fff, 'cellAlign'), true);
  view.setUint16(offset + 6, checkUint(spec.mpu, 0xffff, 'mpu'), true);
  view.setUint32(offset + 8, checkUint(spec.rate, 0xffffffff, 'rate'), true);
}

/** Reads struct tc_ratespec at `offset` (the caller checked the length). */
export function readRateSpec(view: DataView, offset: number): TcRateSpec {
  return {
    cellLog: view.getUint8(offset),
    linklayer: view.getUint8(offset + 1),
    overhead: view.getUint16(offset + 2, true),
    cellAlign: view.getInt16(offset + 4, true),
    mpu: view.getUint16(offset + 6, true),
    rate: view.getUint32(offset + 8, true),
  };
}
