import { isIpv4Like, parseIp } from '@cni-ts/spec-types';

/**
 * True for an address Go's `IP.IsGlobalUnicast()` accepts: not unspecified, loopback,
 * multicast, link-local (169.254.0.0/16, fe80::/10) or the IPv4 limited broadcast. Private
 * ranges (10/8, fd00::/8…) count as global unicast, as in Go. Takes an IP or "ip/prefix".
 */
export function isGlobalUnicast(text: string): boolean {
  const slash = text.indexOf('/');
  const bytes = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (bytes === undefined) return false;
  if (isIpv4Like(bytes)) {
    // Indexed, not destructured: destructuring a Uint8Array runs its iterator's next, a
    // builtin whose first call costs an exec.
    const at = bytes.length - 4;
    const a = bytes[at] ?? 0;
    const b = bytes[at + 1] ?? 0;
    const c = bytes[at + 2] ?? 0;
    const d = bytes[at + 3] ?? 0;
    const unspecified = a === 0 && b === 0 && c === 0 && d === 0;
    const broadcast = a === 255 && b === 255 && c === 255 && d === 255;
    const multicast = a >= 224 && a <= 239;
    const linkLocal = a === 169 && b === 254;
    return !(unspecified || broadcast || a === 127 || multicast || linkLocal);
  }
  const first = bytes[0] ?? 0;
  const second = bytes[1] ?? 0;
  // Unspecified (::) or loopback (::1); a loop, not every(), whose first call costs an exec.
  let leadingZeros = 0;
  while (leadingZeros < 15 && bytes[leadingZeros] === 0) leadingZeros++;
  if (leadingZeros === 15 && (bytes[15] === 0 || bytes[15] === 1)) return false;
  if (first === 0xff) return false;
  return !(first === 0xfe && (second & 0xc0) === 0x80);
}
