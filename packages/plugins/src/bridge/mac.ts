// MAC address text as Go's net.ParseMAC reads it (the 6-byte forms a veth can carry), and
// the random address given to a bridge whose own address is unusable.

const COLON = /^[0-9a-f]{2}([:-])[0-9a-f]{2}(?:\1[0-9a-f]{2}){4}$/i;
const DOTTED = /^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/i;

/**
 * "aa:bb:cc:dd:ee:ff" for the forms Go's ParseMAC takes for a 48-bit address
 * (`00:00:5e:00:53:01`, `00-00-5e-00-53-01`, `0000.5e00.5301`, any case), or undefined.
 */
export function parseMac(text: string): string | undefined {
  let hex: string;
  if (COLON.test(text)) hex = text.replace(/[:-]/g, '');
  else if (DOTTED.test(text)) hex = text.replace(/\./g, '');
  else return undefined;
  return hex.toLowerCase().match(/../g)?.join(':');
}

/** The all-zero address a bridge reports once its last port is gone and nothing pinned it. */
export const ZERO_MAC = '00:00:00:00:00:00';

/** A random locally administered unicast address, as the kernel's eth_random_addr makes. */
export function randomMac(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  bytes[0] = ((bytes[0] ?? 0) & 0xfe) | 0x02;
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join(':');
}
