import {
  type AttributeTable,
  decodeTypedAttributes,
  encodeTypedAttributes,
  type UnknownAttribute,
  type ValueCodec,
  values,
} from '../../_attribute-table.ts';
import { checkInt, checkUint, needBytes, writeFixed } from '../../_bytes.ts';
import { TC_CONTEXT } from '../_values.ts';
import { TCA_MIRRED } from '../constants.ts';
import type { OptionsCodec } from '../options-codec.ts';
import type { TcAttr } from '../types.ts';

/** Size of struct tc_mirred. */
export const TC_MIRRED_LEN = 28;

/** struct tc_mirred (TCA_MIRRED_PARMS): tc_gen, then what to do with the packet. */
export interface TcMirred {
  /** The action's index in the kernel's table (0 in a request: the kernel picks one). */
  readonly index: number;
  readonly capab: number;
  /** The verdict after mirroring or redirecting: TC_ACT.STOLEN, TC_ACT.OK ("pass"), … */
  readonly action: number;
  readonly refcnt: number;
  readonly bindcnt: number;
  /** TCA_EGRESS_REDIR, TCA_EGRESS_MIRROR, TCA_INGRESS_REDIR or TCA_INGRESS_MIRROR. */
  readonly eaction: number;
  /** The target link's index. */
  readonly ifindex: number;
}

/** struct tcf_t (TCA_MIRRED_TM, dumps only): jiffies-based times, as the kernel reports them. */
export interface TcfTimes {
  readonly install: bigint;
  readonly lastuse: bigint;
  readonly expires: bigint;
  readonly firstuse: bigint;
}

/** One attribute inside a mirred action's TCA_ACT_OPTIONS, in wire order. */
export type MirredAttribute =
  | TcAttr<'TCA_MIRRED_PARMS', TcMirred>
  | TcAttr<'TCA_MIRRED_TM', TcfTimes>
  | TcAttr<'TCA_MIRRED_BLOCKID', number>
  | UnknownAttribute;

/** The TCA_ACT_OPTIONS of a mirred action. */
export interface MirredOptions {
  readonly kind: 'mirred';
  readonly attributes: readonly MirredAttribute[];
}

const parms: ValueCodec<TcMirred> = {
  encode: (value) =>
    writeFixed(TC_MIRRED_LEN, (v) => {
      v.setUint32(0, checkUint(value.index, 0xffffffff, 'index'), true);
      v.setUint32(4, checkUint(value.capab, 0xffffffff, 'capab'), true);
      v.setInt32(8, checkInt(value.action, -0x80000000, 0x7fffffff, 'action'), true);
      v.setInt32(12, checkInt(value.refcnt, -0x80000000, 0x7fffffff, 'refcnt'), true);
      v.setInt32(16, checkInt(value.bindcnt, -0x80000000, 0x7fffffff, 'bindcnt'), true);
      v.setInt32(20, checkInt(value.eaction, -0x80000000, 0x7fffffff, 'eaction'), true);
      v.setUint32(24, checkUint(value.ifindex, 0xffffffff, 'ifindex'), true);
    }),
  decode: (bytes, _context, path) => {
    const v = needBytes(bytes, TC_MIRRED_LEN, path);
    return {
      index: v.getUint32(0, true),
      capab: v.getUint32(4, true),
      action: v.getInt32(8, true),
      refcnt: v.getInt32(12, true),
      bindcnt: v.getInt32(16, true),
      eaction: v.getInt32(20, true),
      ifindex: v.getUint32(24, true),
    };
  },
};

const times: ValueCodec<TcfTimes> = {
  encode: (value) =>
    writeFixed(32, (v) => {
      v.setBigUint64(0, value.install, true);
      v.setBigUint64(8, value.lastuse, true);
      v.setBigUint64(16, value.expires, true);
      v.setBigUint64(24, value.firstuse, true);
    }),
  decode: (bytes, _context, path) => {
    const v = needBytes(bytes, 32, path);
    return {
      install: v.getBigUint64(0, true),
      lastuse: v.getBigUint64(8, true),
      expires: v.getBigUint64(16, true),
      firstuse: v.getBigUint64(24, true),
    };
  },
};

/** How each TCA_MIRRED_* attribute is encoded. */
export const MIRRED_ATTRIBUTES: AttributeTable<MirredAttribute> = {
  TCA_MIRRED_PARMS: { type: TCA_MIRRED.PARMS, codec: parms },
  TCA_MIRRED_TM: { type: TCA_MIRRED.TM, codec: times },
  TCA_MIRRED_BLOCKID: { type: TCA_MIRRED.BLOCKID, codec: values.u32 },
};

/** The mirred codec (act_mirred). */
export const mirredOptions: OptionsCodec<MirredOptions> = {
  encode: (options) => encodeTypedAttributes(MIRRED_ATTRIBUTES, options.attributes, TC_CONTEXT),
  decode: (bytes, path) => ({
    kind: 'mirred',
    attributes: decodeTypedAttributes(MIRRED_ATTRIBUTES, bytes, TC_CONTEXT, path),
  }),
};
