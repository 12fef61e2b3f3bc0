import { isExists } from '../errors/predicates.ts';
import { IFF } from '../netlink/route/link/constants.ts';
import { addLink, getLink } from '../netlink/route/link/ops.ts';
import { setLinkPromisc, setLinkUp } from '../netlink/route/link/set-ops.ts';
import type { Link, LinkSpec } from '../netlink/route/link/types.ts';
import type { NetlinkRequester } from '../netlink/socket/requester.ts';
import type { Netns } from '../netns/netns.ts';
import { disableAcceptRa } from './_accept-ra.ts';
import { goErrorText } from './_go-format.ts';
import { linkByName } from './_link-lookup.ts';
import { NetSetupError } from './net-setup-error.ts';

export interface EnsureBridgeOptions {
  readonly name: string;
  /** The bridge's MTU when it is created (0 or absent: the kernel's default). */
  readonly mtu?: number;
  /** IFLA_BR_VLAN_FILTERING=1 when the bridge is created (this kernel may lack it). */
  readonly vlanFiltering?: boolean;
  /** Turn promiscuous mode on. */
  readonly promisc?: boolean;
  /**
   * The namespace `sock` acts in: `net.ipv6.conf.<bridge>.accept_ra=0` is written there.
   * Leave it out only when the socket belongs to the current namespace.
   */
  readonly netns?: Netns;
}

const OP = 'ensureBridge';

/**
 * Makes sure a bridge named `name` exists and is up, as step 1 of upstream's bridge ADD,
 * which is `ip link add NAME [mtu N] type bridge [vlan_filtering 1]` (RTM_NEWLINK, an
 * existing link is fine), re-read by name (`ip link show dev NAME`, RTM_GETLINK), `ip link
 * set dev NAME promisc on` when asked, `sysctl net.ipv6.conf.NAME.accept_ra=0`, `ip link
 * set dev NAME up`. Ours reads first: the bridge of every ADD but the first already exists,
 * and then neither the create nor, when the bridge is already up (and promiscuous if asked),
 * the `up` and the second read are needed, so the kernel ends in the same state with three
 * round trips fewer. A lookup that fails goes upstream's way (create, then look up), with
 * its errors. A link of that name that is not a bridge fails with
 * NetSetupError('not-a-bridge', `"NAME" already exists but is not a bridge`) before
 * anything is changed. Returns the bridge as read after the changes.
 */
export function ensureBridge(sock: NetlinkRequester, options: EnsureBridgeOptions): Link {
  const { name } = options;
  let existing: Link;
  try {
    existing = getLink(sock, { name });
  } catch {
    createBridge(sock, options);
    existing = linkByName(sock, name, OP, 'could not lookup');
  }
  if (existing.kind !== 'bridge') {
    throw new NetSetupError(
      OP,
      'not-a-bridge',
      `${JSON.stringify(name)} already exists but is not a bridge`,
    );
  }
  const wantPromisc = options.promisc === true && (existing.flags & IFF.PROMISC) === 0;
  if (wantPromisc) {
    try {
      setLinkPromisc(sock, existing.index, true);
    } catch (error) {
      throw new NetSetupError(
        OP,
        'kernel',
        `could not set promiscuous mode on ${JSON.stringify(name)}: ${goErrorText(error)}`,
        error,
      );
    }
  }
  disableAcceptRa(name, options.netns);
  const up = (existing.flags & IFF.UP) !== 0;
  if (up && !wantPromisc) return existing;
  if (!up) {
    try {
      setLinkUp(sock, existing.index);
    } catch (error) {
      throw new NetSetupError(OP, 'kernel', goErrorText(error), error);
    }
  }
  return getLink(sock, { index: existing.index });
}

/** `ip link add NAME type bridge …`; a link of that name already there is fine. */
function createBridge(sock: NetlinkRequester, options: EnsureBridgeOptions): void {
  const spec: LinkSpec = {
    kind: 'bridge',
    name: options.name,
    ...(options.mtu !== undefined && options.mtu > 0 ? { mtu: options.mtu } : {}),
    ...(options.vlanFiltering === true ? { vlanFiltering: true } : {}),
  };
  try {
    addLink(sock, spec);
  } catch (error) {
    if (!isExists(error)) {
      throw new NetSetupError(
        OP,
        'kernel',
        `could not add ${JSON.stringify(options.name)}: ${goErrorText(error)}`,
        error,
      );
    }
  }
}
