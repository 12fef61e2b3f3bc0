import { DecodeError } from '../../codec/decode-error.ts';
import { type AttributeTable, u32Struct, type ValueCodec, values } from '../_attribute-table.ts';
import { FRA } from './constants.ts';
import type { RuleAttribute, RulePortRange, RuleUidRange } from './types.ts';

/** struct fib_rule_port_range: two u16 in host order. */
const portRange: ValueCodec<RulePortRange> = {
  encode: (value) => {
    const out = new Uint8Array(4);
    const view = new DataView(out.buffer);
    view.setUint16(0, value.start, true);
    view.setUint16(2, value.end, true);
    return out;
  },
  decode: (bytes, _context, path) => {
    if (bytes.length < 4) throw new DecodeError(path, `needs 4 bytes, has ${bytes.length}`);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return { start: view.getUint16(0, true), end: view.getUint16(2, true) };
  },
};

const uidRange = u32Struct<keyof RuleUidRange>(['start', 'end']);

/** How each FRA_* attribute is encoded: type number and value codec (size, byte order). */
export const RULE_ATTRIBUTES: AttributeTable<RuleAttribute> = {
  FRA_DST: { type: FRA.DST, codec: values.ip },
  FRA_SRC: { type: FRA.SRC, codec: values.ip },
  FRA_IIFNAME: { type: FRA.IIFNAME, codec: values.string },
  FRA_GOTO: { type: FRA.GOTO, codec: values.u32 },
  FRA_PRIORITY: { type: FRA.PRIORITY, codec: values.u32 },
  FRA_FWMARK: { type: FRA.FWMARK, codec: values.u32 },
  FRA_FLOW: { type: FRA.FLOW, codec: values.u32 },
  FRA_TUN_ID: { type: FRA.TUN_ID, codec: values.u64be },
  FRA_SUPPRESS_IFGROUP: { type: FRA.SUPPRESS_IFGROUP, codec: values.u32 },
  FRA_SUPPRESS_PREFIXLEN: { type: FRA.SUPPRESS_PREFIXLEN, codec: values.u32 },
  FRA_TABLE: { type: FRA.TABLE, codec: values.u32 },
  FRA_FWMASK: { type: FRA.FWMASK, codec: values.u32 },
  FRA_OIFNAME: { type: FRA.OIFNAME, codec: values.string },
  FRA_L3MDEV: { type: FRA.L3MDEV, codec: values.u8 },
  FRA_UID_RANGE: { type: FRA.UID_RANGE, codec: uidRange },
  FRA_PROTOCOL: { type: FRA.PROTOCOL, codec: values.u8 },
  FRA_IP_PROTO: { type: FRA.IP_PROTO, codec: values.u8 },
  FRA_SPORT_RANGE: { type: FRA.SPORT_RANGE, codec: portRange },
  FRA_DPORT_RANGE: { type: FRA.DPORT_RANGE, codec: portRange },
};
