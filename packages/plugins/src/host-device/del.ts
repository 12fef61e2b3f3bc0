import {
  currentNetns,
  getLink,
  ipamDel,
  isNotFound,
  type Link,
  openNetnsIfPresent,
  openRouteSocket,
  type PluginContext,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import { type HostDeviceConfig, ipamType, stateFile } from './config.ts';
import { moveBackToHost } from './move.ts';
import { restoreHostState } from './restore.ts';
import { restoreReturnedDevice } from './returned.ts';
import { loadState, removeState } from './state.ts';

/**
 * host-device DEL: the IPAM plugin first, so the address is released also when the
 * container's namespace is gone (upstream fails there and leaks it, #1196); then the
 * device goes back to the host under the name kept in its alias, down, with the MTU and
 * addresses it had there (saved at ADD in `dataDir`; upstream loses them). A missing
 * CNI_NETNS, namespace or device is success (upstream fails a second DEL). When the
 * namespace is gone, a device the kernel gave back to the host under CNI_IFNAME gets its
 * name, MTU and addresses back (upstream leaves an `eth0` in the host).
 */
export async function delHostDevice(ctx: PluginContext<HostDeviceConfig>): Promise<void> {
  const type = ipamType(ctx.config);
  if (type !== '') await ipamDel(ctx, type, { resolve: resolveIpamPlugin });
  const file = stateFile(ctx.config, ctx.containerId, ctx.ifName);
  const netns = ctx.netns === '' ? undefined : openNetnsIfPresent(ctx.netns);
  if (netns === undefined) {
    const saved = loadState(file);
    if (saved !== undefined) {
      using hostSock = openRouteSocket();
      restoreReturnedDevice(hostSock, ctx.ifName, saved);
    }
    removeState(file);
    return;
  }
  try {
    using sock = openRouteSocket({ netns });
    let link: Link;
    try {
      link = getLink(sock, { name: ctx.ifName });
    } catch (error) {
      if (!isNotFound(error)) throw error;
      removeState(file);
      return;
    }
    const saved = loadState(file);
    const hostName =
      link.alias !== undefined && link.alias !== '' ? link.alias : (saved?.name ?? '');
    if (hostName === '') {
      throw new CniError(
        CniErrorCode.Internal,
        `failed to move ${JSON.stringify(ctx.ifName)} back: it has no alias holding its host name`,
      );
    }
    using hostNetns = currentNetns();
    moveBackToHost(sock, link, hostNetns, hostName);
    if (saved !== undefined) {
      using hostSock = openRouteSocket();
      restoreHostState(hostSock, { ...saved, name: hostName });
    }
    removeState(file);
  } finally {
    netns.close();
  }
}
