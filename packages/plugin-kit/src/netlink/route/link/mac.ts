import { bytesOfHexPairs, formatHex } from '../../codec/hex.ts';

/** Formats link-layer address bytes as lowercase "aa:bb:cc:dd:ee:ff" (any length). */
export function formatMac(bytes: Uint8Array): string {
  return formatHex(bytes, ':');
}

/** Two hex digits (`/^[0-9a-fA-F]{2}$/`), by a loop: a regular expression costs an exec. */
function isHexPair(text: string): boolean {
  if (text.length !== 2) return false;
  for (let i = 0; i < 2; i++) {
    const c = text.charCodeAt(i);
    const hex = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
    if (!hex) return false;
  }
  return true;
}

/**
 * Parses "aa:bb:cc:dd:ee:ff" (also "-" separated, any case) into bytes. Throws TypeError on
 * anything else: a MAC that reaches the kernel must be exactly what the caller meant.
 */
export function parseMac(text: string): Uint8Array {
  // Loops, not every() and regular expressions: their first use is paid by every exec that
  // sets a MAC.
  const parts = text.includes('-') ? text.split('-').join(':').split(':') : text.split(':');
  let valid = parts.length >= 2;
  for (const part of parts) if (!isHexPair(part)) valid = false;
  if (!valid) throw new TypeError(`not a MAC address: ${JSON.stringify(text)}`);
  return bytesOfHexPairs(parts);
}
