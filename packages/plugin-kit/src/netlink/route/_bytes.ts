// Byte helpers shared by the attribute value codecs (route/_attribute-table.ts, tc/).
import { DecodeError } from '../codec/decode-error.ts';

/** The bytes as a DataView over the same memory. */
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
