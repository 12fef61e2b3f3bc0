import {
  goErrorText,
  openContainerNetns,
  openRouteSocket,
  type PluginContext,
  withUndo,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode, type Result100 } from '@cni-ts/spec-types';
import type { BandwidthConfig } from './config.ts';
import { findVethEnds } from './host-veth.ts';
import { createIfb, deleteIfb, ifbName } from './ifb.ts';
import type { BandwidthLimits } from './limits.ts';
import { limitEgress, limitIngress, paceSender } from './shape.ts';

function step<T>(what: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw new CniError(CniErrorCode.Internal, `${what}: ${goErrorText(error)}`, { cause: error });
  }
}

/**
 * The shaping of a bandwidth ADD that has limits: on the host end of the container's veth
 * (found through prevResult), a tbf for traffic towards the container, and for traffic
 * from it an ifb with a tbf that everything arriving on the host veth is redirected to;
 * the ifb is appended to the result's interfaces. Ours also paces the container's own
 * interface at the egress rate (see shape.ts). A failure takes back everything made so
 * far. Loaded only then: an ADD without limits evaluates no netlink or tc code.
 */
export async function addShaping(
  ctx: PluginContext<BandwidthConfig>,
  limits: BandwidthLimits,
  prev: Result100,
): Promise<Result100> {
  using netns = openContainerNetns(ctx.netns);
  const ends = findVethEnds(netns, ctx.ifName, prev.interfaces ?? []);
  return await withUndo(
    async (undo) => {
      using sock = openRouteSocket();
      if (limits.ingress !== undefined) limitIngress(sock, ends.host.index, limits.ingress, undo);
      if (limits.egress === undefined) return prev;
      const name = ifbName(ctx.config.name, ctx.containerId);
      const ifb = step('adding link', () => createIfb(sock, name, ends.host.mtu));
      undo.defer(`delete ifb ${name}`, () => {
        using undoSock = openRouteSocket();
        deleteIfb(undoSock, name);
      });
      limitEgress(sock, ends.host.index, ifb.index, limits.egress, undo);
      paceSender(netns, ends.container.index, limits.egress, undo);
      const ifbInterface = { name, ...(ifb.mac === undefined ? {} : { mac: ifb.mac }) };
      return { ...prev, interfaces: [...(prev.interfaces ?? []), ifbInterface] };
    },
    (failure) => ctx.log.warn(`undo ${failure.label} failed: ${goErrorText(failure.error)}`),
  );
}
