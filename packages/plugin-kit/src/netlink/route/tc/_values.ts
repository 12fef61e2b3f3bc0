// Value codecs traffic control needs beyond route/_attribute-table.ts `values`.
import { DecodeError } from '../../codec/decode-error.ts';
import type { AttributeContext, ValueCodec } from '../_attribute-table.ts';
import { checkUint, needBytes, viewOf, writeFixed } from '../_bytes.ts';

/** The context tc attribute lists are read and written in: no family, NLA_F_* bits kept. */
export const TC_CONTEXT: AttributeContext = { family: 0, keepFlags: true };

/** u64 in host order (little-endian), as bigint (TCA_TBF_RATE64). */
export const u64: ValueCodec<bigint> = {
  encode: (value) => {
    if (value < 0n || value > 0xffffffffffffffffn) {
      throw new TypeError(`u64 ${value} is out of range`);
    }
    return writeFixed(8, (v) => v.setBigUint64(0, value, true));
  },
  decode: (bytes, _context, path) => needBytes(bytes, 8, path).getBigUint64(0, true),
};

/** The value bytes as they are (a copy on decode). */
export const rawBytes: ValueCodec<Uint8Array> = {
  encode: (value) => value,
  decode: (bytes) => bytes.slice(),
};

/**
 * An array of u32 in host order (a rate table, TCA_TBF_RTAB). Decoding needs a length that
 * is a multiple of 4; the kernel uses a table only when it has exactly 256 entries.
 */
export const u32Array: ValueCodec<readonly number[]> = {
  encode: (value) =>
    writeFixed(value.length * 4, (v) =>
      value.forEach((entry, i) => {
        v.setUint32(i * 4, checkUint(entry, 0xffffffff, 'rate table entry'), true);
      }),
    ),
  decode: (bytes, _context, path) => {
    if (bytes.length % 4 !== 0) {
      throw new DecodeError(path, `length ${bytes.length} is not a multiple of 4`);
    }
    const view = viewOf(bytes);
    return Array.from({ length: bytes.length / 4 }, (_, i) => view.getUint32(i * 4, true));
  },
};
