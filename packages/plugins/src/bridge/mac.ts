import { parseGoMac } from '@cni-ts/plugin-kit';

// MAC address text as Go's net.ParseMAC reads it (the 6-byte forms a veth can carry), and
// the random address given to a bridge whose own address is unusable.

/**
 * "aa:bb:cc:dd:ee:ff" for the forms Go's ParseMAC takes for a 48-bit address, or undefined
 * (plugin-kit's parseGoMac, shared with macvlan).
 */
export const parseMac = parseGoMac;

/** The all-zero address a bridge reports once its last port is gone and nothing pinned it. */
export const ZERO_MAC = '00:00:00:00:00:00';

/** A random locally administered unicast address, as the kernel's eth_random_addr makes. */
export function randomMac(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  bytes[0] = ((bytes[0] ?? 0) & 0xfe) | 0x02;
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join(':');
}
