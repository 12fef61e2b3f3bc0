import { bytesOfHexPairs, formatHex } from '../../codec/hex.ts';

/** Formats link-layer address bytes as lowercase "aa:bb:cc:dd:ee:ff" (any length). */
export function formatMac(bytes: Uint8Array): string {
  return formatHex(bytes, ':');
}

/**
 * Parses "aa:bb:cc:dd:ee:ff" (also "-" separated, any case) into bytes. Throws TypeError on
 * anything else: a MAC that reaches the kernel must be exactly what the caller meant.
 */
export function parseMac(text: string): Uint8Array {
  const parts = text.split(/[:-]/);
  // A loop, not every(): a builtin's first call is paid by every exec that sets a MAC.
  let valid = parts.length >= 2;
  for (const part of parts) if (!/^[0-9a-fA-F]{2}$/.test(part)) valid = false;
  if (!valid) throw new TypeError(`not a MAC address: ${JSON.stringify(text)}`);
  return bytesOfHexPairs(parts);
}
