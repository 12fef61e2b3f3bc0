import { canonicalCidr } from '@cni-ts/spec-types';
import { isExists } from '../errors/predicates.ts';
import { AF } from '../netlink/codec/constants.ts';
import { addAddress, deleteAddress, listAddresses } from '../netlink/route/address/ops.ts';
import type { Address } from '../netlink/route/address/types.ts';
import { getLink } from '../netlink/route/link/ops.ts';
import { setLinkMac } from '../netlink/route/link/set-ops.ts';
import type { NetlinkRequester } from '../netlink/socket/requester.ts';
import { goErrorText } from './_go-format.ts';
import { familyOf, ipOf, prefixContains } from './_prefix.ts';
import { NetSetupError } from './net-setup-error.ts';

export interface EnsureAddressOptions {
  /** The link's index (the bridge). */
  readonly index: number;
  /** The link's name, for error texts. */
  readonly name: string;
  /** "ip/prefix", e.g. the gateway "10.1.0.1/24". */
  readonly address: string;
  /** Replace a conflicting address instead of failing (the bridge's `forceAddress`). */
  readonly forceAddress?: boolean;
  /**
   * Set the link's MAC to its current value after adding (default true), so a bridge
   * keeps it instead of following its lowest port's MAC as ports come and go.
   */
  readonly pinMac?: boolean;
}

const OP = 'ensureAddress';

function conflicts(existing: Address, wanted: string, family: 4 | 6): boolean {
  if (family === 4) return true;
  return prefixContains(existing.address, ipOf(wanted)) || prefixContains(wanted, existing.address);
}

/**
 * Puts the gateway address on a bridge as upstream's bridge plugin does (ensureAddr):
 * `ip addr show dev BR` (RTM_GETADDR) — already there: nothing to add; another IPv4 address,
 * or an IPv6 address whose prefix overlaps: NetSetupError('address-conflict', `"BR" already
 * has an IP address different from IP/LEN`) unless `forceAddress`, which deletes it first
 * (`ip addr del`); then `ip addr add IP/LEN dev BR` (RTM_NEWADDR; EEXIST is fine) and `ip
 * link set dev BR address <its own MAC>` (RTM_NEWLINK, IFLA_ADDRESS) to pin the MAC.
 */
export function ensureAddress(sock: NetlinkRequester, options: EnsureAddressOptions): void {
  const { index, name } = options;
  const wanted = canonicalCidr(options.address) ?? options.address;
  const family = familyOf(wanted);
  let present: Address[];
  try {
    present = listAddresses(sock, { index, family: family === 4 ? AF.INET : AF.INET6 });
  } catch (error) {
    throw new NetSetupError(
      OP,
      'kernel',
      `could not get list of IP addresses: ${goErrorText(error)}`,
      error,
    );
  }
  for (const existing of present) {
    if (existing.address === wanted) return;
    if (!conflicts(existing, wanted, family)) continue;
    if (options.forceAddress !== true) {
      throw new NetSetupError(
        OP,
        'address-conflict',
        `${JSON.stringify(name)} already has an IP address different from ${wanted}`,
      );
    }
    try {
      deleteAddress(sock, { index, address: existing.address });
    } catch (error) {
      throw new NetSetupError(
        OP,
        'kernel',
        `could not remove IP address from ${JSON.stringify(name)}: ${goErrorText(error)}`,
        error,
      );
    }
  }
  try {
    addAddress(sock, { index, address: wanted });
  } catch (error) {
    if (!isExists(error)) {
      throw new NetSetupError(
        OP,
        'kernel',
        `could not add IP address to ${JSON.stringify(name)}: ${goErrorText(error)}`,
        error,
      );
    }
  }
  if (options.pinMac === false) return;
  try {
    const { mac } = getLink(sock, { index });
    if (mac !== undefined) setLinkMac(sock, index, mac);
  } catch (error) {
    throw new NetSetupError(
      OP,
      'kernel',
      `could not set bridge's mac: ${goErrorText(error)}`,
      error,
    );
  }
}
