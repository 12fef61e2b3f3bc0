import { bytesOfHexPairs, formatHex, isHexPair } from '../../codec/hex.ts';

/** Formats link-layer address bytes as lowercase "aa:bb:cc:dd:ee:ff" (any length). */
export function formatMac(bytes: Uint8Array): string {
  return formatHex(bytes, ':');
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
