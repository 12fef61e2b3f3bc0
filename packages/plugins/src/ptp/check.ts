import {
  checkIpMasq,
  getLink,
  ipamCheck,
  type Link,
  type NetlinkRequester,
  openContainerNetns,
  openRouteSocket,
  type PluginContext,
  selectIpMasqBackend,
  validateExpectedInterfaceIps,
  validateExpectedRoute,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode, type Interface100 } from '@cni-ts/spec-types';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import { ipamType, type PtpConfig } from './config.ts';

function fail(message: string): never {
  throw new CniError(CniErrorCode.Internal, message);
}

/** The container interface the previous result names: CNI_IFNAME in CNI_NETNS. */
function containerInterface(
  interfaces: readonly Interface100[],
  ctx: PluginContext<PtpConfig>,
): Interface100 {
  const found = interfaces.find((intf) => intf.name === ctx.ifName && intf.sandbox === ctx.netns);
  if (found === undefined) {
    // Upstream prints the (empty) sandbox it did not find, hence the double space.
    fail(`Sandbox in prevResult  doesn't match configured netns: ${ctx.netns}`);
  }
  return found;
}

/** The interface must exist in the container, be a veth and keep the MAC the result gave. */
function validateContainerLink(sock: NetlinkRequester, intf: Interface100): void {
  let link: Link;
  try {
    link = getLink(sock, { name: intf.name });
  } catch {
    fail(`ptp: Container Interface name in prevResult: ${intf.name} not found`);
  }
  if (link.kind !== 'veth') {
    fail(`Error: Container interface ${link.name} not of type veth/p2p`);
  }
  const mac = link.mac ?? '';
  if (intf.mac !== undefined && intf.mac !== '' && intf.mac.toLowerCase() !== mac.toLowerCase()) {
    fail(`ptp: Interface ${intf.name} Mac ${intf.mac} doesn't match container Mac: ${mac}`);
  }
}

/**
 * ptp CHECK, as upstream: the IPAM plugin's CHECK, then against the previous result the
 * container interface (a veth with its MAC), its addresses with a route to each prefix,
 * and the result's routes. Unlike upstream, with `ipMasq` the masquerade rules are
 * checked too.
 */
export async function checkPtp(ctx: PluginContext<PtpConfig>): Promise<void> {
  const { config } = ctx;
  using netns = openContainerNetns(ctx.netns);
  await ipamCheck(ctx, ipamType(config), { resolve: resolveIpamPlugin });
  const prev = ctx.prevResult;
  if (prev === undefined) fail('ptp: Required prevResult missing');
  const intf = containerInterface(prev.interfaces ?? [], ctx);
  {
    using sock = openRouteSocket({ netns });
    validateContainerLink(sock, intf);
    validateExpectedInterfaceIps(sock, ctx.ifName, prev.ips ?? []);
    validateExpectedRoute(sock, prev.routes ?? []);
  }
  if (config.ipMasq === true) {
    checkIpMasq({
      network: config.name,
      containerId: ctx.containerId,
      ifName: ctx.ifName,
      addresses: (prev.ips ?? []).map((ipc) => ipc.address),
      backend: selectIpMasqBackend(config.ipMasqBackend),
    });
  }
}
