import { goErrorText, listLinks, type NetlinkRequester, setLink } from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';
import { restoreHostState } from './restore.ts';
import type { HostDeviceState } from './state.ts';

/**
 * When the container's namespace went away first, the kernel hands a physical device back
 * to the initial namespace under its container name (CNI_IFNAME), its alias still holding
 * the host name. Such a device, found by that alias, gets its name back (alias cleared),
 * then its MTU and addresses. No device: nothing to do (a virtual one was destroyed).
 */
export function restoreReturnedDevice(
  sock: NetlinkRequester,
  ifName: string,
  saved: HostDeviceState,
): void {
  const returned = listLinks(sock).find(
    (link) => link.alias === saved.name && link.name !== saved.name,
  );
  if (returned === undefined || returned.name !== ifName) return;
  try {
    setLink(sock, returned.index, { name: saved.name, alias: '' });
  } catch (error) {
    throw new CniError(
      CniErrorCode.Internal,
      `failed to rename the returned device ${JSON.stringify(ifName)} back to ${JSON.stringify(saved.name)}: ${goErrorText(error)}`,
      { cause: error },
    );
  }
  restoreHostState(sock, saved);
}
