import {
  BANDWIDTH_INGRESS_HANDLE,
  BANDWIDTH_TBF_HANDLE,
  bandwidthTbf,
  getLink,
  goErrorText,
  isNotFound,
  type Link,
  listFilters,
  listQdiscs,
  type NetlinkRequester,
  openContainerNetns,
  openRouteSocket,
  type PluginContext,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';
import type { BandwidthConfig } from './config.ts';
import { findVethEnds } from './host-veth.ts';
import { ifbName } from './ifb.ts';
import { bandwidthLimits, type Shaping } from './limits.ts';

function fail(message: string): never {
  throw new CniError(CniErrorCode.Internal, message);
}

/** The link's root tbf `1:` has the rate, limit and buffer ADD computes (upstream's texts). */
function checkTbf(sock: NetlinkRequester, link: Link, limit: Shaping): void {
  const want = bandwidthTbf(limit.rate, limit.burst);
  const tbf = listQdiscs(sock, { index: link.index }).find(
    (qdisc) => qdisc.kind === 'tbf' && qdisc.handle === BANDWIDTH_TBF_HANDLE,
  )?.tbf;
  if (tbf === undefined) fail('Failed to find qdisc');
  if (tbf.rate !== want.rate) fail("Rate doesn't match");
  if (tbf.limit !== want.limit) fail("Limit doesn't match");
  if (tbf.buffer !== want.buffer) fail("Buffer doesn't match");
}

/** Ours: the host veth's ingress qdisc redirects to the ifb (upstream does not look). */
function checkRedirect(sock: NetlinkRequester, host: Link, ifb: Link): void {
  const ingress = listQdiscs(sock, { index: host.index }).some(
    (qdisc) => qdisc.kind === 'ingress' && qdisc.handle === BANDWIDTH_INGRESS_HANDLE,
  );
  if (!ingress) fail(`no ingress qdisc on ${host.name}`);
  const filters = listFilters(sock, { index: host.index, parent: BANDWIDTH_INGRESS_HANDLE });
  const redirects = filters.some((filter) =>
    (filter.u32?.actions ?? []).some((action) => action.mirred?.ifindex === ifb.index),
  );
  if (!redirects) fail(`no redirect from ${host.name} to ${ifb.name}`);
}

function ifbLink(sock: NetlinkRequester, name: string): Link {
  try {
    return getLink(sock, { name });
  } catch (error) {
    fail(`get ifb device: ${isNotFound(error) ? 'Link not found' : goErrorText(error)}`);
  }
}

/**
 * bandwidth CHECK, as upstream: prevResult is required, the host veth is found through it,
 * and each limited direction's tbf (on the host veth, on the ifb) has the rate, limit and
 * buffer ADD computes. Ours also checks the redirect to the ifb, and passes when the config
 * limits nothing (upstream crashes there).
 */
export function checkBandwidth(ctx: PluginContext<BandwidthConfig>): void {
  const limits = bandwidthLimits(ctx.config);
  const prev = ctx.prevResult;
  if (prev === undefined) fail('must be called as a chained plugin');
  using netns = openContainerNetns(ctx.netns);
  const { host } = findVethEnds(netns, ctx.ifName, prev.interfaces ?? []);
  using sock = openRouteSocket();
  if (limits.ingress !== undefined) checkTbf(sock, host, limits.ingress);
  if (limits.egress !== undefined) {
    const ifb = ifbLink(sock, ifbName(ctx.config.name, ctx.containerId));
    checkTbf(sock, ifb, limits.egress);
    checkRedirect(sock, host, ifb);
  }
}
