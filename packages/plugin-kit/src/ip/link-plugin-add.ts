import {
  CniError,
  CniErrorCode,
  type Dns,
  type IpConfig100,
  type Result100,
} from '@cni-ts/spec-types';
import { type IpamContext, type IpamOptions, ipamAdd, ipamDel } from '../ipam/ipam.ts';
import { deleteLinkIfPresent } from '../netlink/route/link/delete-link-if-present.ts';
import { setLinkUp } from '../netlink/route/link/set-ops.ts';
import type { Link } from '../netlink/route/link/types.ts';
import type { NetlinkRequester } from '../netlink/socket/requester.ts';
import type { Netns } from '../netns/netns.ts';
import type { PluginContext } from '../skel/context.ts';
import type { UndoStack } from '../undo/undo-stack.ts';
import { withUndo } from '../undo/undo-stack.ts';
import { goErrorText } from './_go-format.ts';
import { configureInterface } from './configure-interface.ts';

/** What the recipe reads of a handler's context: IPAM delegation, CNI_NETNS, the log. */
export type LinkPluginAddContext = IpamContext &
  Pick<PluginContext<unknown>, 'netns' | 'ifName' | 'log'>;

/** Where the link's addresses and routes come from. */
export type LinkAddresses =
  /** The IPAM plugin `type` (ADD; DEL on a later failure); no IPs is an error. */
  | { readonly from: 'ipam'; readonly type: string; readonly options?: IpamOptions }
  /** A result already at hand (chained: the previous result), taken as it is. */
  | { readonly from: 'result'; readonly result: Result100 }
  /** None (L2): the link is only brought up and the result has no IPs. */
  | { readonly from: 'none' };

/** The container namespace and a route socket in it (a ChildLinkSockets will do). */
export interface ContainerPlace {
  readonly containerNetns: Netns;
  readonly containerSock: NetlinkRequester;
}

export interface LinkPluginAddOptions {
  readonly ctx: LinkPluginAddContext;
  readonly container: ContainerPlace;
  /** Makes the link, named CNI_IFNAME inside the container (it is deleted on failure). */
  readonly makeLink: () => Link;
  readonly addresses: LinkAddresses;
  /** The result's `dns`: the config's (`config.dns ?? {}`), or 'ipam' for the IPAM result's. */
  readonly dns: Dns | 'ipam';
  /** Runs after the addresses are known, before configureInterface (e.g. arp_notify). */
  readonly beforeConfigure?: (ips: readonly IpConfig100[]) => void;
}

/** The addresses of a plugin whose IPAM is optional: none (L2) without an IPAM type. */
export function optionalIpam(type: string, options?: IpamOptions): LinkAddresses {
  if (type === '') return { from: 'none' };
  return options === undefined ? { from: 'ipam', type } : { from: 'ipam', type, options };
}

const MISSING_IPS = 'IPAM plugin returned missing IP config';

/** The addresses' result, or undefined for L2; IPAM's reservation is undone on failure. */
async function addressResult(
  options: LinkPluginAddOptions,
  undo: UndoStack,
): Promise<Result100 | undefined> {
  const { addresses, ctx } = options;
  if (addresses.from === 'none') return undefined;
  if (addresses.from === 'result') return addresses.result;
  const { type, options: ipamOptions } = addresses;
  const base = await ipamAdd(ctx, type, ipamOptions);
  undo.defer('IPAM DEL', () => ipamDel(ctx, type, ipamOptions));
  if ((base.ips ?? []).length === 0) throw new CniError(CniErrorCode.Internal, MISSING_IPS);
  return base;
}

function dnsOf(choice: Dns | 'ipam', base: Result100 | undefined): { dns?: Dns } {
  if (choice !== 'ipam') return { dns: choice };
  return base?.dns === undefined ? {} : { dns: base.dns };
}

/**
 * The ADD of upstream's link plugins (macvlan, ipvlan, vlan, dummy, tap) under an undo
 * stack: make the link (undo: delete it), get the addresses (IPAM ADD, undo: IPAM DEL;
 * "IPAM plugin returned missing IP config" without IPs), build the result (the link with
 * its MAC and sandbox; the IPs on interface 0; the routes; the dns), run
 * `beforeConfigure`, configureInterface. Without addresses the link is only brought up.
 * A failure undoes what was done, last first, and rethrows; failed undo steps are logged.
 */
export async function addLinkPlugin(options: LinkPluginAddOptions): Promise<Result100> {
  const { ctx } = options;
  const { containerNetns: netns, containerSock: sock } = options.container;
  const { ifName } = ctx;
  return await withUndo(
    async (undo) => {
      const link = options.makeLink();
      undo.defer(`delete ${ifName}`, () => deleteLinkIfPresent(sock, { index: link.index }));
      const intf = {
        name: link.name,
        ...(link.mac === undefined ? {} : { mac: link.mac }),
        sandbox: ctx.netns,
      };
      const base = await addressResult(options, undo);
      if (base === undefined) {
        setLinkUp(sock, link.index);
        return { cniVersion: '1.1.0', interfaces: [intf], ...dnsOf(options.dns, base) };
      }
      const ips = (base.ips ?? []).map((ipc) => ({ ...ipc, interface: 0 }));
      const result: Result100 = {
        cniVersion: '1.1.0',
        interfaces: [intf],
        ips,
        ...(base.routes === undefined ? {} : { routes: base.routes }),
        ...dnsOf(options.dns, base),
      };
      options.beforeConfigure?.(ips);
      configureInterface({ netns, ifName, result, sock });
      return result;
    },
    (failure) => ctx.log.warn(`undo ${failure.label} failed: ${goErrorText(failure.error)}`),
  );
}
