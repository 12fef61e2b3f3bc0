import {
  type AttributeTable,
  decodeTypedAttributes,
  encodeTypedAttributes,
  type UnknownAttribute,
  type ValueCodec,
  values,
} from '../../_attribute-table.ts';
import { checkUint, needBytes, writeFixed } from '../../_bytes.ts';
import { TC_CONTEXT, u32Array, u64 } from '../_values.ts';
import { TCA_TBF } from '../constants.ts';
import type { OptionsCodec } from '../options-codec.ts';
import { readRateSpec, TC_RATESPEC_LEN, type TcRateSpec, writeRateSpec } from '../rate-spec.ts';
import type { TcAttr } from '../types.ts';

/** Size of struct tc_tbf_qopt. */
export const TC_TBF_QOPT_LEN = 36;

/** struct tc_tbf_qopt (TCA_TBF_PARMS). */
export interface TbfQopt {
  readonly rate: TcRateSpec;
  /** All zero when there is no peak rate. */
  readonly peakrate: TcRateSpec;
  /** Bytes that may wait in the queue. */
  readonly limit: number;
  /** The bucket, as the ticks needed to send it at `rate`. */
  readonly buffer: number;
  /** The peak bucket (minburst), as the ticks needed to send it at `peakrate`. */
  readonly mtu: number;
}

/** One attribute inside a tbf qdisc's TCA_OPTIONS, in wire order. */
export type TbfAttribute =
  | TcAttr<'TCA_TBF_PARMS', TbfQopt>
  | TcAttr<'TCA_TBF_RTAB', readonly number[]>
  | TcAttr<'TCA_TBF_PTAB', readonly number[]>
  | TcAttr<'TCA_TBF_RATE64', bigint>
  | TcAttr<'TCA_TBF_PRATE64', bigint>
  /** The bucket in bytes; the kernel then derives `buffer` from it. */
  | TcAttr<'TCA_TBF_BURST', number>
  /** The peak bucket in bytes. */
  | TcAttr<'TCA_TBF_PBURST', number>
  | UnknownAttribute;

/** The TCA_OPTIONS of a tbf qdisc. */
export interface TbfOptions {
  readonly kind: 'tbf';
  readonly attributes: readonly TbfAttribute[];
}

const qopt: ValueCodec<TbfQopt> = {
  encode: (value) =>
    writeFixed(TC_TBF_QOPT_LEN, (v) => {
      writeRateSpec(v, 0, value.rate);
      writeRateSpec(v, TC_RATESPEC_LEN, value.peakrate);
      v.setUint32(24, checkUint(value.limit, 0xffffffff, 'limit'), true);
      v.setUint32(28, checkUint(value.buffer, 0xffffffff, 'buffer'), true);
      v.setUint32(32, checkUint(value.mtu, 0xffffffff, 'mtu'), true);
    }),
  decode: (bytes, _context, path) => {
    const v = needBytes(bytes, TC_TBF_QOPT_LEN, path);
    return {
      rate: readRateSpec(v, 0),
      peakrate: readRateSpec(v, TC_RATESPEC_LEN),
      limit: v.getUint32(24, true),
      buffer: v.getUint32(28, true),
      mtu: v.getUint32(32, true),
    };
  },
};

/** How each TCA_TBF_* attribute is encoded. */
export const TBF_ATTRIBUTES: AttributeTable<TbfAttribute> = {
  TCA_TBF_PARMS: { type: TCA_TBF.PARMS, codec: qopt },
  TCA_TBF_RTAB: { type: TCA_TBF.RTAB, codec: u32Array },
  TCA_TBF_PTAB: { type: TCA_TBF.PTAB, codec: u32Array },
  TCA_TBF_RATE64: { type: TCA_TBF.RATE64, codec: u64 },
  TCA_TBF_PRATE64: { type: TCA_TBF.PRATE64, codec: u64 },
  TCA_TBF_BURST: { type: TCA_TBF.BURST, codec: values.u32 },
  TCA_TBF_PBURST: { type: TCA_TBF.PBURST, codec: values.u32 },
};

/** The tbf codec (sch_tbf). */
export const tbfOptions: OptionsCodec<TbfOptions> = {
  encode: (options) => encodeTypedAttributes(TBF_ATTRIBUTES, options.attributes, TC_CONTEXT),
  decode: (bytes, path) => ({
    kind: 'tbf',
    attributes: decodeTypedAttributes(TBF_ATTRIBUTES, bytes, TC_CONTEXT, path),
  }),
};
