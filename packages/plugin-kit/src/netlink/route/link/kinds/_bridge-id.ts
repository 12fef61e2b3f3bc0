import { nla } from '../../../codec/attributes.ts';
import { DecodeError } from '../../../codec/decode-error.ts';
import type { Field } from '../_fields.ts';
import { formatMac, parseMac } from '../mac.ts';

/** struct ifla_bridge_id: a bridge priority (network byte order) and MAC. */
export interface BridgeId {
  readonly priority: number;
  readonly address: string;
}

export function bridgeIdField(type: number): Field<BridgeId> {
  return {
    types: [type],
    encode: (v) => {
      const out = new Uint8Array(8);
      new DataView(out.buffer).setUint16(0, v.priority, false);
      out.set(parseMac(v.address).subarray(0, 6), 2);
      return nla.bytes(type, out);
    },
    decode: (a, p) => {
      if (a.value.length < 8) throw new DecodeError(p, `needs 8 bytes, has ${a.value.length}`);
      return {
        priority: new DataView(a.value.buffer, a.value.byteOffset, 2).getUint16(0, false),
        address: formatMac(a.value.subarray(2, 8)),
      };
    },
  };
}
