import { TC_H } from './constants.ts';

/** A handle from its major and minor numbers (TC_H_MAKE): `tcHandle(1, 0)` is "1:". */
export function tcHandle(major: number, minor: number): number {
  return (((major & 0xffff) << 16) | (minor & 0xffff)) >>> 0;
}

/** The major number of a handle (TC_H_MAJ shifted down): 1 for "1:0". */
export function tcHandleMajor(handle: number): number {
  return handle >>> 16;
}

/** The minor number of a handle (TC_H_MIN): 0xfff1 for "ffff:fff1". */
export function tcHandleMinor(handle: number): number {
  return handle & TC_H.MIN_MASK;
}

/**
 * Prints a handle as tc does (sprint_tc_classid): "root", "none", "1:", "ffff:fff1", ":5".
 */
export function formatTcHandle(handle: number): string {
  const h = handle >>> 0;
  if (h === TC_H.ROOT) return 'root';
  if (h === TC_H.UNSPEC) return 'none';
  const major = tcHandleMajor(h);
  const minor = tcHandleMinor(h);
  if (major === 0) return `:${minor.toString(16)}`;
  if (minor === 0) return `${major.toString(16)}:`;
  return `${major.toString(16)}:${minor.toString(16)}`;
}

/**
 * Parses a handle as tc does (get_tc_classid): "root", "none", "1:", "1:1", ":1", "ffff:fff1",
 * hexadecimal numbers of up to 4 digits on each side. Undefined when it is not a handle.
 */
export function parseTcHandle(text: string): number | undefined {
  if (text === 'root') return TC_H.ROOT;
  if (text === 'none') return TC_H.UNSPEC;
  const match = /^([0-9a-fA-F]{0,4}):([0-9a-fA-F]{0,4})$/.exec(text);
  if (match === null) return undefined;
  const [, major = '', minor = ''] = match;
  if (major === '' && minor === '') return undefined;
  return tcHandle(
    major === '' ? 0 : Number.parseInt(major, 16),
    minor === '' ? 0 : Number.parseInt(minor, 16),
  );
}
