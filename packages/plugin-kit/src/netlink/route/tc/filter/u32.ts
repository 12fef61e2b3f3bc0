import {
  type AttributeTable,
  decodeTypedAttributes,
  encodeTypedAttributes,
  type UnknownAttribute,
  u32Struct,
  type ValueCodec,
  values,
} from '../../_attribute-table.ts';
import { checkInt, checkUint, needBytes, writeFixed } from '../../_bytes.ts';
import { rawBytes, TC_CONTEXT } from '../_values.ts';
import { actionList, type TcAction } from '../action/list.ts';
import { TCA_U32 } from '../constants.ts';
import type { OptionsCodec } from '../options-codec.ts';
import type { TcAttr } from '../types.ts';

const SEL_LEN = 16;
const KEY_LEN = 16;

/** struct tc_u32_key: match (packet word at `off` & mask) == value. */
export interface U32Key {
  /** Network byte order on the wire; here the number as tc prints it (00000000/00000000). */
  readonly mask: number;
  readonly value: number;
  /** Byte offset of the 32-bit word. */
  readonly off: number;
  readonly offmask: number;
}

/** struct tc_u32_sel (TCA_U32_SEL): the keys and how the offset moves. */
export interface U32Selector {
  /** TC_U32.TERMINAL (a match ends classification), TC_U32.OFFSET, … */
  readonly flags: number;
  readonly offshift: number;
  /** Network byte order on the wire. */
  readonly offmask: number;
  readonly off: number;
  readonly offoff: number;
  readonly hoff: number;
  /** Network byte order on the wire. */
  readonly hmask: number;
  /** nkeys is their count. */
  readonly keys: readonly U32Key[];
}

/** struct tc_u32_mark (TCA_U32_MARK). */
export interface U32Mark {
  readonly val: number;
  readonly mask: number;
  readonly success: number;
}

/** One attribute inside a u32 filter's TCA_OPTIONS, in wire order. */
export type U32Attribute =
  | TcAttr<'TCA_U32_CLASSID', number>
  | TcAttr<'TCA_U32_HASH', number>
  | TcAttr<'TCA_U32_LINK', number>
  | TcAttr<'TCA_U32_DIVISOR', number>
  | TcAttr<'TCA_U32_SEL', U32Selector>
  /** A legacy police action, kept as bytes. */
  | TcAttr<'TCA_U32_POLICE', Uint8Array>
  | TcAttr<'TCA_U32_ACT', readonly TcAction[]>
  | TcAttr<'TCA_U32_INDEV', string>
  /** struct tc_u32_pcnt (CONFIG_CLS_U32_PERF), kept as bytes. */
  | TcAttr<'TCA_U32_PCNT', Uint8Array>
  | TcAttr<'TCA_U32_MARK', U32Mark>
  /** TCA_CLS_FLAGS_* */
  | TcAttr<'TCA_U32_FLAGS', number>
  | UnknownAttribute;

/** The TCA_OPTIONS of a u32 filter. */
export interface U32Options {
  readonly kind: 'u32';
  readonly attributes: readonly U32Attribute[];
}

const selector: ValueCodec<U32Selector> = {
  encode: (value) =>
    writeFixed(SEL_LEN + KEY_LEN * value.keys.length, (v) => {
      v.setUint8(0, checkUint(value.flags, 0xff, 'flags'));
      v.setUint8(1, checkUint(value.offshift, 0xff, 'offshift'));
      v.setUint8(2, checkUint(value.keys.length, 0xff, 'nkeys'));
      v.setUint16(4, checkUint(value.offmask, 0xffff, 'offmask'), false);
      v.setUint16(6, checkUint(value.off, 0xffff, 'off'), true);
      v.setInt16(8, checkInt(value.offoff, -0x8000, 0x7fff, 'offoff'), true);
      v.setInt16(10, checkInt(value.hoff, -0x8000, 0x7fff, 'hoff'), true);
      v.setUint32(12, checkUint(value.hmask, 0xffffffff, 'hmask'), false);
      value.keys.forEach((key, i) => {
        const at = SEL_LEN + KEY_LEN * i;
        v.setUint32(at, checkUint(key.mask, 0xffffffff, 'key mask'), false);
        v.setUint32(at + 4, checkUint(key.value, 0xffffffff, 'key value'), false);
        v.setInt32(at + 8, checkInt(key.off, -0x80000000, 0x7fffffff, 'key off'), true);
        v.setInt32(at + 12, checkInt(key.offmask, -0x80000000, 0x7fffffff, 'key offmask'), true);
      });
    }),
  decode: (bytes, _context, path) => {
    const head = needBytes(bytes, SEL_LEN, path);
    const nkeys = head.getUint8(2);
    const v = needBytes(bytes, SEL_LEN + KEY_LEN * nkeys, path);
    const keys = Array.from({ length: nkeys }, (_, i) => {
      const at = SEL_LEN + KEY_LEN * i;
      return {
        mask: v.getUint32(at, false),
        value: v.getUint32(at + 4, false),
        off: v.getInt32(at + 8, true),
        offmask: v.getInt32(at + 12, true),
      };
    });
    return {
      flags: v.getUint8(0),
      offshift: v.getUint8(1),
      offmask: v.getUint16(4, false),
      off: v.getUint16(6, true),
      offoff: v.getInt16(8, true),
      hoff: v.getInt16(10, true),
      hmask: v.getUint32(12, false),
      keys,
    };
  },
};

/** How each TCA_U32_* attribute is encoded. */
export const U32_ATTRIBUTES: AttributeTable<U32Attribute> = {
  TCA_U32_CLASSID: { type: TCA_U32.CLASSID, codec: values.u32 },
  TCA_U32_HASH: { type: TCA_U32.HASH, codec: values.u32 },
  TCA_U32_LINK: { type: TCA_U32.LINK, codec: values.u32 },
  TCA_U32_DIVISOR: { type: TCA_U32.DIVISOR, codec: values.u32 },
  TCA_U32_SEL: { type: TCA_U32.SEL, codec: selector },
  TCA_U32_POLICE: { type: TCA_U32.POLICE, codec: rawBytes },
  TCA_U32_ACT: { type: TCA_U32.ACT, codec: actionList },
  TCA_U32_INDEV: { type: TCA_U32.INDEV, codec: values.string },
  TCA_U32_PCNT: { type: TCA_U32.PCNT, codec: rawBytes },
  TCA_U32_MARK: { type: TCA_U32.MARK, codec: u32Struct<keyof U32Mark>(['val', 'mask', 'success']) },
  TCA_U32_FLAGS: { type: TCA_U32.FLAGS, codec: values.u32 },
};

/** The u32 codec (cls_u32). */
export const u32Options: OptionsCodec<U32Options> = {
  encode: (options) => encodeTypedAttributes(U32_ATTRIBUTES, options.attributes, TC_CONTEXT),
  decode: (bytes, path) => ({
    kind: 'u32',
    attributes: decodeTypedAttributes(U32_ATTRIBUTES, bytes, TC_CONTEXT, path),
  }),
};

/**
 * Prints a u32 handle as tc does (sprint_u32_handle): hash table id, ':', bucket, and
 * ':' node when there is one: "800:" for a table, "800::800" for a node, ":" for 0.
 */
export function formatU32Handle(handle: number): string {
  const htid = handle >>> 20;
  const hash = (handle >>> 12) & 0xff;
  const node = handle & 0xfff;
  const text = `${htid ? htid.toString(16) : ''}:${hash ? hash.toString(16) : ''}`;
  return node ? `${text}:${node.toString(16)}` : text;
}
