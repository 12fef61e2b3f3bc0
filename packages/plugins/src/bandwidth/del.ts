import {
  bandwidthIngressTarget,
  bandwidthTbfTarget,
  getLink,
  isNotFound,
  type Link,
  type Netns,
  openNetnsIfPresent,
  openRouteSocket,
  type PluginContext,
} from '@cni-ts/plugin-kit';
import type { BandwidthConfig } from './config.ts';
import { deleteIfb, ifbName } from './ifb.ts';
import { bandwidthLimits } from './limits.ts';
import { removeQdisc } from './shape.ts';

/**
 * The qdiscs ADD put on the veth (tbf and ingress on the host end, the pacing tbf on the
 * container end), found from CNI_IFNAME's peer; none of them, the link or the peer being
 * there is fine. Runtimes usually delete the veth next, which takes them too.
 */
function removeVethQdiscs(netns: Netns, ifName: string): void {
  using containerSock = openRouteSocket({ netns });
  let peer: number | undefined;
  let containerIndex = 0;
  try {
    const link = getLink(containerSock, { name: ifName });
    removeQdisc(containerSock, bandwidthTbfTarget(link.index));
    containerIndex = link.index;
    peer = link.kind === 'veth' ? link.link : undefined;
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  if (peer === undefined || peer <= 0) return;
  using sock = openRouteSocket();
  let host: Link;
  try {
    host = getLink(sock, { index: peer });
  } catch (error) {
    if (isNotFound(error)) return;
    throw error;
  }
  if (host.kind !== 'veth' || host.link !== containerIndex) return;
  removeQdisc(sock, bandwidthTbfTarget(host.index));
  removeQdisc(sock, bandwidthIngressTarget(host.index));
}

/**
 * bandwidth DEL: deletes the container's ifb (its tbf goes with it) and, unlike upstream,
 * the qdiscs on the veth while the container's namespace is there. Nothing there, the
 * namespace gone or a second DEL is success; the config's limits are still validated, as
 * upstream does.
 */
export function delBandwidth(ctx: PluginContext<BandwidthConfig>): void {
  bandwidthLimits(ctx.config);
  {
    using sock = openRouteSocket();
    deleteIfb(sock, ifbName(ctx.config.name, ctx.containerId));
  }
  using netns = openNetnsIfPresent(ctx.netns);
  if (netns !== undefined) removeVethQdiscs(netns, ctx.ifName);
}
