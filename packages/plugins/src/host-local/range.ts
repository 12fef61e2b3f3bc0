import type { Cidr, IpFamily } from '@cni-ts/spec-types';
import { HostLocalError } from './host-local-error.ts';
import { familyBits, formatIpValue, type IpValue, ipValueOf, nextIp } from './ip-value.ts';

/** A range as the config gives it, addresses parsed, nothing checked yet. */
export interface RangeInput {
  readonly subnet?: Cidr | undefined;
  readonly rangeStart?: IpValue | undefined;
  readonly rangeEnd?: IpValue | undefined;
  readonly gateway?: IpValue | undefined;
}

/** A subnet: its network address and prefix length. */
export interface Subnet {
  readonly family: IpFamily;
  readonly network: bigint;
  readonly prefix: number;
}

/** A checked range: every address between rangeStart and rangeEnd (inclusive) may be handed out but the gateway. */
export interface Range {
  readonly subnet: Subnet;
  readonly rangeStart: IpValue;
  readonly rangeEnd: IpValue;
  readonly gateway: IpValue;
}

function hostMask(subnet: Pick<Subnet, 'family' | 'prefix'>): bigint {
  return (1n << BigInt(familyBits(subnet.family) - subnet.prefix)) - 1n;
}

/** True when `ip` is of the subnet's family and inside it. */
export function subnetContains(subnet: Subnet, ip: IpValue): boolean {
  return ip.family === subnet.family && (ip.value & ~hostMask(subnet)) === subnet.network;
}

/** The subnet as Go prints it: `10.1.0.0/16`. */
export function formatSubnet(subnet: Subnet): string {
  return `${formatIpValue({ family: subnet.family, value: subnet.network })}/${subnet.prefix}`;
}

/**
 * Upstream's containment test, also used while a range is being checked: in the subnet and
 * not outside whichever bounds are known. Bounds compare as plain numbers, as upstream's do.
 */
function within(subnet: Subnet, ip: IpValue, start?: IpValue, end?: IpValue): boolean {
  if (!subnetContains(subnet, ip)) return false;
  if (start !== undefined && ip.value < start.value) return false;
  return end === undefined || ip.value <= end.value;
}

/** True when the range hands out `ip` (or has it as its gateway): in the subnet, between start and end. */
export function rangeContains(range: Range, ip: IpValue): boolean {
  return within(range.subnet, ip, range.rangeStart, range.rangeEnd);
}

/** True when the two ranges share an address; ranges of different families never do. */
export function rangesOverlap(a: Range, b: Range): boolean {
  if (a.subnet.family !== b.subnet.family) return false;
  return (
    rangeContains(a, b.rangeStart) ||
    rangeContains(a, b.rangeEnd) ||
    rangeContains(b, a.rangeStart) ||
    rangeContains(b, a.rangeEnd)
  );
}

/** The range as upstream prints it in messages: `10.1.0.1-10.1.255.254`. */
export function formatRange(range: Range): string {
  return `${formatIpValue(range.rangeStart)}-${formatIpValue(range.rangeEnd)}`;
}

function checkedSubnet(cidr: Cidr | undefined): Subnet {
  if (cidr === undefined) throw new HostLocalError('IP <nil> not v4 nor v6');
  const ip = ipValueOf(cidr.ip);
  const maskBits = cidr.ip.length * 8;
  if (cidr.prefix > maskBits - 2) {
    const text = `${formatIpValue(ip)}/${cidr.prefix}`;
    throw new HostLocalError(`Network ${text} too small to allocate from`);
  }
  // An IPv4-mapped address written with an IPv6 prefix: upstream's IP and mask disagree.
  if (familyBits(ip.family) !== maskBits) {
    throw new HostLocalError('IPNet IP and Mask version mismatch');
  }
  const subnet: Subnet = { family: ip.family, network: ip.value, prefix: cidr.prefix };
  const network = ip.value & ~hostMask(subnet);
  if (network !== ip.value) {
    throw new HostLocalError(
      `Network has host bits set. For a subnet mask of length ${cidr.prefix} the network address is ${formatIpValue({ family: ip.family, value: network })}`,
    );
  }
  return subnet;
}

/** The last address of the subnet, less the broadcast address for IPv4. */
function lastAddress(subnet: Subnet): IpValue {
  const last = subnet.network | hostMask(subnet);
  return { family: subnet.family, value: subnet.family === 4 ? last - 1n : last };
}

/**
 * Checks a range and fills in its defaults as upstream does: the subnet must have no host
 * bits and at least two host bits; the gateway defaults to the network address + 1, as does
 * rangeStart; rangeEnd defaults to the subnet's last address (less the broadcast address for
 * IPv4); rangeStart and rangeEnd must lie in the subnet, in order. Throws a HostLocalError
 * with upstream's text.
 */
export function canonicalizeRange(input: RangeInput): Range {
  const subnet = checkedSubnet(input.subnet);
  const first = nextIp({ family: subnet.family, value: subnet.network });
  const gateway = input.gateway ?? first;
  const given = input.rangeStart;
  if (given !== undefined && !within(subnet, given, given, input.rangeEnd)) {
    throw new HostLocalError(
      `RangeStart ${formatIpValue(given)} not in network ${formatSubnet(subnet)}`,
    );
  }
  const rangeStart = given ?? first;
  const end = input.rangeEnd;
  if (end !== undefined && !within(subnet, end, rangeStart, end)) {
    throw new HostLocalError(
      `RangeEnd ${formatIpValue(end)} not in network ${formatSubnet(subnet)}`,
    );
  }
  return { subnet, rangeStart, rangeEnd: end ?? lastAddress(subnet), gateway };
}
