import {
  addAddress,
  getLink,
  goErrorText,
  isExists,
  isGlobalUnicast,
  type Link,
  listAddresses,
  type NetlinkRequester,
  setLinkMtu,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';
import type { HostDeviceState } from './state.ts';

/** The device's host state before it moves: name, MTU and global unicast addresses. */
export function hostState(sock: NetlinkRequester, link: Link): HostDeviceState {
  const addresses = listAddresses(sock, { index: link.index })
    .map((address) => address.address)
    .filter(isGlobalUnicast);
  return { name: link.name, mtu: link.mtu, addresses };
}

/**
 * Gives a device that is back in the host its MTU and addresses again (moving it between
 * namespaces dropped the addresses; the container may have changed the MTU).
 */
export function restoreHostState(sock: NetlinkRequester, state: HostDeviceState): void {
  try {
    const link = getLink(sock, { name: state.name });
    if (state.mtu > 0 && link.mtu !== state.mtu) setLinkMtu(sock, link.index, state.mtu);
    for (const address of state.addresses) {
      try {
        addAddress(sock, { index: link.index, address });
      } catch (error) {
        if (!isExists(error)) throw error;
      }
    }
  } catch (error) {
    throw new CniError(
      CniErrorCode.Internal,
      `failed to restore the MTU and addresses of ${JSON.stringify(state.name)}: ${goErrorText(error)}`,
      { cause: error },
    );
  }
}
