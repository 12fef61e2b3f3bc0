import { CniError, CniErrorCode } from '@cni-ts/spec-types';
import { findMasterLink } from '../ip/find-master-link.ts';
import { type IpamContext, type IpamOptions, ipamCheck } from '../ipam/ipam.ts';
import { openRouteSocket } from '../netlink/socket/open-route-socket.ts';
import { openContainerNetns } from '../netns/open-container-netns.ts';
import type { PluginContext } from '../skel/context.ts';
import { type ContainerLinkExpectation, checkContainerLink } from './check-container-link.ts';

export interface CheckChildLinkOptions {
  readonly ctx: IpamContext & Pick<PluginContext<unknown>, 'netns' | 'prevResult'>;
  /** The master to look up: undefined skips it, '' is the default route's link. */
  readonly master: string | undefined;
  /** The master lives in the container (`linkInContainer`). */
  readonly inContainer: boolean;
  /** The IPAM plugin to CHECK ('' for none). */
  readonly ipamType: string;
  readonly ipam?: IpamOptions;
  readonly expected: ContainerLinkExpectation;
}

/**
 * CHECK of upstream's child-link plugins (macvlan, ipvlan, vlan), in their order: the
 * master exists (in the host, or the container with `linkInContainer`), the IPAM plugin's
 * CHECK, then {@link checkContainerLink} on the previous result.
 */
export async function checkChildLink(options: CheckChildLinkOptions): Promise<void> {
  const { ctx } = options;
  using netns = openContainerNetns(ctx.netns);
  if (options.master !== undefined) {
    using parentSock = options.inContainer ? openRouteSocket({ netns }) : openRouteSocket();
    findMasterLink(parentSock, options.master);
  }
  if (options.ipamType !== '') await ipamCheck(ctx, options.ipamType, options.ipam);
  checkContainerLink(netns, ctx.netns, ctx.prevResult, options.expected);
}

/**
 * A link's mode against the config's, with upstream's text (code 999): `Container
 * IPVlan mode l2 does not match expected value: l3` (`label` is "IPVlan", "macvlan").
 */
export function expectLinkMode(label: string, expected: string, actual: string | undefined): void {
  if ((actual ?? 'unknown') === expected) return;
  throw new CniError(
    CniErrorCode.Internal,
    `Container ${label} mode ${actual ?? 'unknown'} does not match expected value: ${expected}`,
  );
}
