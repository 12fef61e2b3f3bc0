import {
  getLink,
  listAddresses,
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
  const addresses = listAddresses(sock, { index: link.index });
  return {
    cniVersion: '1.1.0',
    interfaces: [{ name: LOOPBACK, mac: '00:00:00:00:00:00', sandbox: ctx.netns }],
    ips: addresses
      .filter((address) => address.index === link.index)
      .sort((a, b) => a.family - b.family)
      .map((address) => ({ interface: 0, address: address.address })),
  };
}
