import {
  getLink,
  listAddresses,
  mapItems,
  openNetns,
  openRouteSocket,
  type PluginContext,
  setLinkUp,
} from '@cni-ts/plugin-kit';
import type { Result } from '@cni-ts/spec-types';
import type { LoopbackConfig } from './config.ts';

const LOOPBACK = 'lo';

/**
 * Sets `lo` up in the container and reports it with its addresses (127.0.0.1/8, ::1/128),
 * or passes a previous result on unchanged when chained, as upstream. Unlike upstream the
 * result is printed at the config's version (upstream labels 1.0-shaped JSON with older
 * versions, which their parsers cannot read).
 */
export function addLoopback(ctx: PluginContext<LoopbackConfig>): Result {
  using netns = openNetns(ctx.netns);
  using sock = openRouteSocket({ netns });
  const link = getLink(sock, { name: LOOPBACK });
  setLinkUp(sock, link.index);
  if (ctx.prevResult !== undefined) return ctx.prevResult;
  // lo's addresses by family, each family in the kernel's order (a stable sort), by loops:
  // filter, sort and map are builtins whose first calls cost every container's loopback exec.
  const own: { family: number; address: string }[] = [];
  for (const address of listAddresses(sock, { index: link.index })) {
    if (address.index !== link.index) continue;
    let at = own.length;
    while (at > 0 && (own[at - 1]?.family ?? 0) > address.family) at--;
    own.splice(at, 0, { family: address.family, address: address.address });
  }
  return {
    cniVersion: '1.1.0',
    interfaces: [{ name: LOOPBACK, mac: '00:00:00:00:00:00', sandbox: ctx.netns }],
    ips: mapItems(own, (address) => ({ interface: 0, address: address.address })),
  };
}
