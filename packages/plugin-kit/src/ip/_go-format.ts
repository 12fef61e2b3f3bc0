// Internal: the texts upstream's Go code puts in its error messages, so that helpers here
// fail with the words the reference plugins print. Go prints a net.IPNet value with %v as
// `{10.1.2.3 ffffff00}` and with %+v as `{IP:10.1.2.3 Mask:ffffff00}` (IPNet's String has
// a pointer receiver, so a value is printed field by field), a nil net.IP as `<nil>`.
import type { IpConfig100, Route } from '@cni-ts/spec-types';
import { ipFamily, parseCidr } from '@cni-ts/spec-types';
import { NetlinkError } from '../netlink/socket/netlink-error.ts';
import { errnoDescription } from '../sys/errno.ts';
import { SyscallError } from '../sys/syscall-error.ts';

/** The hex of a prefix mask as Go's IPMask.String(): 4 bytes for IPv4, 16 for IPv6. */
export function goMaskHex(prefix: number, family: 4 | 6): string {
  const bytes = family === 4 ? 4 : 16;
  let out = '';
  for (let i = 0; i < bytes; i++) {
    const bits = Math.max(0, Math.min(8, prefix - i * 8));
    out += ((0xff00 >> bits) & 0xff).toString(16).padStart(2, '0');
  }
  return out;
}

/** `{IP:<ip> Mask:<hex>}` (`named`) or `{<ip> <hex>}` for "ip/prefix" text, as Go prints a net.IPNet value. */
export function goIpNet(cidr: string, named: boolean): string {
  const parsed = parseCidr(cidr);
  if (parsed === undefined) return cidr;
  const slash = cidr.indexOf('/');
  const ip = cidr.slice(0, slash);
  const mask = goMaskHex(parsed.prefix, ipFamily(parsed.ip));
  return named ? `{IP:${ip} Mask:${mask}}` : `{${ip} ${mask}}`;
}

/** A net.IP as Go's %v prints it: the text, or `<nil>`. */
export function goIp(ip: string | undefined): string {
  return ip === undefined || ip === '' ? '<nil>' : ip;
}

/**
 * An IPConfig as upstream's IPConfig.String() (`%+v`) prints it, except that the interface
 * index is printed as its value (Go prints the pointer's address there).
 */
export function goIpConfig(ipc: IpConfig100): string {
  const index = ipc.interface === undefined ? '<nil>' : String(ipc.interface);
  return `{Interface:${index} Address:${goIpNet(ipc.address, true)} Gateway:${goIp(ipc.gateway)}}`;
}

/** A route as upstream's types.Route String() prints it. */
export function goRoute(route: Route): string {
  const table = route.table === undefined ? '<nil>' : String(route.table);
  const scope = route.scope === undefined ? '<nil>' : String(route.scope);
  return `{Dst:${goIpNet(route.dst, true)} GW:${goIp(route.gw)} MTU:${route.mtu ?? 0} AdvMSS:${route.advmss ?? 0} Priority:${route.priority ?? 0} Table:${table} Scope:${scope}}`;
}

/** netlink.Scope String() of vishvananda/netlink. */
export function goScope(scope: number): string {
  switch (scope) {
    case 0:
      return 'universe';
    case 200:
      return 'site';
    case 253:
      return 'link';
    case 254:
      return 'host';
    case 255:
      return 'nowhere';
    default:
      return 'unknown';
  }
}

/**
 * What Go's `%v` of the error would show: a kernel error as its errno text ("file exists"),
 * as syscall.Errno prints; anything else as its message.
 */
export function goErrorText(error: unknown): string {
  if (error instanceof NetlinkError && error.detail === undefined) {
    return errnoDescription(error.errno);
  }
  if (error instanceof SyscallError) return errnoDescription(error.errno);
  return error instanceof Error ? error.message : String(error);
}
