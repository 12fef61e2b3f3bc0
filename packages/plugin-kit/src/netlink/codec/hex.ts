// Bytes as hex text with a plain loop. JavaScriptCore compiles builtins such as Array.from
// from their JavaScript source on first call: `Array.from(bytes, fn).join(':')` costs a
// plugin exec about 0.2 ms the first time, this loop a few microseconds (issue 22).

const DIGITS = '0123456789abcdef';

/** Lowercase hex pairs of `bytes` joined by `separator`: formatHex([0xa, 0xbc], ':') is "0a:bc". */
export function formatHex(bytes: Uint8Array, separator = ''): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    if (i > 0) out += separator;
    out += DIGITS.charAt(byte >> 4) + DIGITS.charAt(byte & 0xf);
  }
  return out;
}

/** Two hex digits (`/^[0-9a-fA-F]{2}$/`), by a loop: a regular expression's first use costs an exec. */
export function isHexPair(text: string): boolean {
  if (text.length !== 2) return false;
  for (let i = 0; i < 2; i++) {
    const c = text.charCodeAt(i);
    const hex = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
    if (!hex) return false;
  }
  return true;
}

/** Bytes from hex pairs already checked to be two hex digits each. */
export function bytesOfHexPairs(pairs: readonly string[]): Uint8Array {
  const out = new Uint8Array(pairs.length);
  for (let i = 0; i < pairs.length; i++) out[i] = Number.parseInt(pairs[i] as string, 16);
  return out;
}

/** True when `a` and `b` hold the same bytes. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  // Native beyond a few bytes: a byte loop runs in the interpreter at about 25 ns a byte,
  // and listings compare rules' raw expressions (168 bytes for a conntrack match) by the
  // hundred. Buffer.compare takes any Uint8Array.
  if (a.length > 16) return Buffer.compare(a, b) === 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
