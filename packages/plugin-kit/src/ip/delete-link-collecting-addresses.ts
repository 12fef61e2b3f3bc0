import { isNotFound } from '../errors/predicates.ts';
import { listAddresses } from '../netlink/route/address/ops.ts';
import { deleteLink, getLink } from '../netlink/route/link/ops.ts';
import type { Link } from '../netlink/route/link/types.ts';
import { openRouteSocket } from '../netlink/socket/open-route-socket.ts';
import { type Netns, openNetns } from '../netns/netns.ts';
import { goErrorText } from './_go-format.ts';
import { isGlobalUnicast } from './global-unicast.ts';
import { NetSetupError } from './net-setup-error.ts';

const OP = 'deleteLinkCollectingAddresses';

function fail(what: string, ifName: string, error: unknown): never {
  throw new NetSetupError(
    OP,
    'kernel',
    `failed to ${what} ${JSON.stringify(ifName)}: ${goErrorText(error)}`,
    error,
  );
}

export interface DeleteLinkOptions {
  /**
   * Called with the addresses once they are read, just before the link is deleted (a DEL
   * starts its firewall teardown there, to run while the kernel deletes the veth).
   */
  readonly beforeDelete?: (addresses: string[]) => void;
}

function deleteIn(ns: Netns, ifName: string, options: DeleteLinkOptions): string[] {
  using sock = openRouteSocket({ netns: ns });
  let link: Link;
  try {
    link = getLink(sock, { name: ifName });
  } catch (error) {
    if (isNotFound(error)) return [];
    fail('lookup', ifName, error);
  }
  let addresses: string[];
  try {
    addresses = [];
    for (const address of listAddresses(sock, { index: link.index })) {
      if (isGlobalUnicast(address.address)) addresses.push(address.address);
    }
  } catch (error) {
    fail('get IP addresses for', ifName, error);
  }
  options.beforeDelete?.(addresses);
  try {
    deleteLink(sock, { index: link.index });
  } catch (error) {
    if (isNotFound(error)) return [];
    fail('delete', ifName, error);
  }
  return addresses;
}

/**
 * DEL's "delete the container interface, remembering its addresses", as upstream's
 * DelLinkByNameAddr inside the container namespace: `ip addr show dev X` (RTM_GETADDR dump),
 * then `ip link del dev X` (RTM_DELLINK). Returns the global-unicast addresses it had, as
 * "ip/prefix" (link-local and loopback addresses are left out, as upstream does). A link
 * that is gone, or a namespace path that no longer exists, is success with [] — DEL must
 * be idempotent. `netns` is a path (CNI_NETNS) or an open namespace.
 */
export function deleteLinkCollectingAddresses(
  netns: string | Netns,
  ifName: string,
  options: DeleteLinkOptions = {},
): string[] {
  if (typeof netns !== 'string') return deleteIn(netns, ifName, options);
  let ns: Netns;
  try {
    ns = openNetns(netns);
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
  try {
    return deleteIn(ns, ifName, options);
  } finally {
    ns.close();
  }
}
