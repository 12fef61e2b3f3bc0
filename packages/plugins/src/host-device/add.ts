import {
  configureInterface,
  currentNetns,
  getLink,
  goErrorText,
  IFF,
  ipamAdd,
  ipamDel,
  type Link,
  openContainerNetns,
  openRouteSocket,
  type PluginContext,
  setLinkUp,
  type UndoStack,
  withUndo,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode, type Result100 } from '@cni-ts/spec-types';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import { type HostDeviceConfig, ipamType, stateFile } from './config.ts';
import { type MovePlaces, moveBackToHost, moveIntoContainer } from './move.ts';
import { hostState, restoreHostState } from './restore.ts';
import { selectHostDevice } from './select.ts';
import { removeState, saveState } from './state.ts';

const IPAM = { resolve: resolveIpamPlugin };

function fail(message: string): never {
  throw new CniError(CniErrorCode.Internal, message);
}

async function runIpam(ctx: PluginContext<HostDeviceConfig>, undo: UndoStack): Promise<Result100> {
  const type = ipamType(ctx.config);
  const ipam = await ipamAdd(ctx, type, IPAM);
  undo.defer('IPAM DEL', () => ipamDel(ctx, type, IPAM));
  if ((ipam.ips ?? []).length === 0) fail('IPAM plugin returned missing IP config');
  return ipam;
}

/** Moves the device in; its undo moves it back under its name and re-ups it if it was up. */
function moveIn(
  ctx: PluginContext<HostDeviceConfig>,
  link: Link,
  where: MovePlaces,
  undo: UndoStack,
): Link {
  const file = stateFile(ctx.config, ctx.containerId, ctx.ifName);
  const saved = hostState(where.hostSock, link);
  saveState(file, saved);
  undo.defer('remove state', () => removeState(file));
  moveIntoContainer(link, where, ctx.ifName);
  const moved = getLink(where.sock, { name: ctx.ifName });
  undo.defer(`move ${ctx.ifName} back to ${link.name}`, () => {
    moveBackToHost(where.sock, moved, where.hostNetns, link.name);
    const back = getLink(where.hostSock, { name: link.name });
    restoreHostState(where.hostSock, saved);
    if ((link.flags & IFF.UP) !== 0) setLinkUp(where.hostSock, back.index);
  });
  return moved;
}

/**
 * host-device ADD: the device the config names (deviceID, device, hwaddr, kernelpath or
 * pciBusID) is moved into the container as CNI_IFNAME with its host name kept in its alias,
 * and brought up; with an IPAM plugin its addresses and routes go on it. A PCI device bound
 * to a user-space (DPDK) driver is not moved: the IPAM result is returned unapplied. A
 * failure moves the device back under its name (up again if it was) and releases IPAM.
 */
export async function addHostDevice(ctx: PluginContext<HostDeviceConfig>): Promise<Result100> {
  const { config, ifName } = ctx;
  using netns = openContainerNetns(ctx.netns);
  using sock = openRouteSocket({ netns });
  using hostNetns = currentNetns();
  using hostSock = openRouteSocket();
  const target = selectHostDevice(hostSock, config);
  const withIpam = ipamType(config) !== '';
  return await withUndo(
    async (undo) => {
      if (target.kind === 'dpdk') {
        const ipam = withIpam ? await runIpam(ctx, undo) : { cniVersion: '1.1.0' };
        return { ...ipam, cniVersion: '1.1.0', dns: config.dns ?? {} };
      }
      const moved = moveIn(ctx, target.link, { netns, sock, hostNetns, hostSock }, undo);
      const result: Result100 = {
        cniVersion: '1.1.0',
        interfaces: [
          {
            name: ifName,
            ...(moved.mac === undefined ? {} : { mac: moved.mac }),
            sandbox: ctx.netns,
          },
        ],
        dns: config.dns ?? {},
      };
      if (!withIpam) {
        setLinkUp(sock, moved.index);
        return result;
      }
      const ipam = await runIpam(ctx, undo);
      const full: Result100 = {
        ...result,
        ips: (ipam.ips ?? []).map((ipc) => ({ ...ipc, interface: 0 })),
        ...(ipam.routes === undefined ? {} : { routes: ipam.routes }),
      };
      configureInterface({ netns, ifName, result: full, sock });
      return full;
    },
    (failure) => ctx.log.warn(`undo ${failure.label} failed: ${goErrorText(failure.error)}`),
  );
}
