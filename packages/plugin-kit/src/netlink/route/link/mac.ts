/** Formats link-layer address bytes as lowercase "aa:bb:cc:dd:ee:ff" (any length). */
export function formatMac(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join(':');
}

/**
 * Parses "aa:bb:cc:dd:ee:ff" (also "-" separated, any case) into bytes. Throws TypeError on
 * anything else: a MAC that reaches the kernel must be exactly what the caller meant.
 */
export function parseMac(text: string): Uint8Array {
  const parts = text.split(/[:-]/);
  if (parts.length < 2 || !parts.every((part) => /^[0-9a-fA-F]{2}$/.test(part))) {
    throw new TypeError(`not a MAC address: ${JSON.stringify(text)}`);
  }
  return Uint8Array.from(parts, (part) => Number.parseInt(part, 16));
}
