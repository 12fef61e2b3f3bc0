import {
  addLinkPlugin,
  createContainerLink,
  enableAddressChangeNotify,
  type LinkAddresses,
  openChildLinkSockets,
  type PluginContext,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode, type Result100 } from '@cni-ts/spec-types';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import { type IpvlanConfig, ipamType } from './config.ts';
import { ipvlanLinkSpec } from './link-spec.ts';
import { ipvlanSettings } from './settings.ts';

/**
 * Where the addresses come from: chained without an IPAM type, the previous result when it
 * has IPs; else the IPAM plugin. Refused before anything is made when there is neither.
 */
function addressSource(ctx: PluginContext<IpvlanConfig>): LinkAddresses {
  const type = ipamType(ctx.config);
  if (type !== '') return { from: 'ipam', type, options: { resolve: resolveIpamPlugin } };
  const prev = ctx.prevResult;
  if (prev !== undefined && (prev.ips ?? []).length > 0) return { from: 'result', result: prev };
  throw new CniError(
    CniErrorCode.Internal,
    'ipvlan needs an IPAM plugin ("ipam": {"type": …}), or a prevResult with IPs when chained',
  );
}

/**
 * ipvlan ADD: the master (configured, chained the previous result's only interface, else
 * the default route's link), mode and MTU are checked first; the ipvlan is made straight
 * into the container (or inside it with `linkInContainer`) under a temporary name and
 * renamed CNI_IFNAME. Its addresses come from the IPAM plugin or, chained without one,
 * from the previous result (arp_notify/ndisc_notify set); the result's interfaces are just
 * the ipvlan and its `dns` is the config's, as upstream. Unlike upstream, a failure deletes
 * the link again and releases the IPAM reservation.
 */
export async function addIpvlan(ctx: PluginContext<IpvlanConfig>): Promise<Result100> {
  const { config, ifName } = ctx;
  const addresses = addressSource(ctx);
  using sockets = openChildLinkSockets(ctx.netns, config.linkInContainer === true);
  const settings = ipvlanSettings(sockets.parentSock, config, ctx.prevResult);
  return await addLinkPlugin({
    ctx,
    container: sockets,
    makeLink: () =>
      createContainerLink({ ...sockets, ifName, what: 'ipvlan', spec: ipvlanLinkSpec(settings) }),
    addresses,
    dns: config.dns ?? {},
    beforeConfigure: (ips) => enableAddressChangeNotify(sockets.containerNetns, ifName, ips),
  });
}
