// Value codecs traffic control needs beyond route/_attribute-table.ts `values`.
import { DecodeError } from '../../codec/decode-error.ts';
import type { ValueCodec } from '../_attribute-table.ts';

export function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The bytes as a DataView, or DecodeError at `path` when there are fewer than `size`. */
export function needBytes(bytes: Uint8Array, size: number, path: readonly string[]): DataView {
  if (bytes.length < size) throw new DecodeError(path, `needs ${size} bytes, has ${bytes.length}`);
  return viewOf(bytes);
}

/** A fresh buffer of `size` bytes written through a DataView. */
export function writeFixed(size: number, write: (view: DataView) => void): Uint8Array {
  const out = new Uint8Array(size);
  write(new DataView(out.buffer));
  return out;
}

/** Throws TypeError unless `value` is an integer in 0..max. */
export function checkUint(value: number, max: number, what: string): number {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new TypeError(`${what} ${value} is out of range 0..${max}`);
  }
  return value;
}

/** Throws TypeError unless `value` is an integer in min..max. */
export function checkInt(value: number, min: number, max: number, what: string): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new TypeError(`${what} ${value} is out of range ${min}..${max}`);
  }
  return value;
}

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
