import {
  createTunTap,
  deleteLinkIfPresent,
  getLink,
  goErrorText,
  isNotFound,
  type Link,
  type NetlinkRequester,
  type Netns,
  randomVethName,
  setLink,
  setLinkMaster,
  setLinkName,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';
import type { TapSettings } from './settings.ts';

function fail(message: string, cause: unknown): never {
  throw new CniError(CniErrorCode.Internal, message, { cause });
}

/** The bridge to enslave the tap to: it must exist in the container and be a bridge. */
export function findBridge(sock: NetlinkRequester, name: string): Link {
  let link: Link;
  try {
    link = getLink(sock, { name });
  } catch (error) {
    fail(
      `failed to find bridge ${JSON.stringify(name)}: ${isNotFound(error) ? 'Link not found' : goErrorText(error)}`,
      error,
    );
  }
  if (link.kind !== 'bridge') {
    throw new CniError(CniErrorCode.Internal, `${JSON.stringify(name)} is not a bridge`);
  }
  return link;
}

/** `ip link set dev TMP [mtu N] [address MAC]`, `ip link set TMP name IF`, `[master BR]`. */
function shape(
  sock: NetlinkRequester,
  index: number,
  ifName: string,
  settings: TapSettings,
  bridge?: Link,
): void {
  if (settings.mtu > 0 || settings.mac !== undefined) {
    try {
      setLink(sock, index, {
        ...(settings.mtu > 0 ? { mtu: settings.mtu } : {}),
        ...(settings.mac === undefined ? {} : { mac: settings.mac }),
      });
    } catch (error) {
      fail(`failed to set tap mtu or MAC: ${goErrorText(error)}`, error);
    }
  }
  try {
    setLinkName(sock, index, ifName);
  } catch (error) {
    fail(`failed to rename tap to ${JSON.stringify(ifName)}: ${goErrorText(error)}`, error);
  }
  if (bridge !== undefined) {
    try {
      setLinkMaster(sock, index, bridge.index);
    } catch (error) {
      fail(
        `failed to set master ${JSON.stringify(bridge.name)} for tap: ${goErrorText(error)}`,
        error,
      );
    }
  }
}

/**
 * Makes a persistent tap in the container as upstream does: under a temporary name
 * (TUNSETIFF with TAP|VNET_HDR|NO_PI, multi-queue when asked, owner and group when set),
 * then its MTU and MAC, the rename to CNI_IFNAME and the bridge. Left down. When a step
 * after the creation fails, the tap is deleted again.
 */
export function makeTap(
  netns: Netns,
  sock: NetlinkRequester,
  ifName: string,
  settings: TapSettings,
  bridge?: Link,
): Link {
  const tmpName = randomVethName();
  try {
    createTunTap({
      name: tmpName,
      mode: 'tap',
      persistent: true,
      vnetHdr: true,
      multiQueue: settings.multiQueue,
      netns,
      ...(settings.owner === undefined ? {} : { owner: settings.owner }),
      ...(settings.group === undefined ? {} : { group: settings.group }),
    });
  } catch (error) {
    fail(`failed to create tap: ${goErrorText(error)}`, error);
  }
  const { index } = getLink(sock, { name: tmpName });
  try {
    shape(sock, index, ifName, settings, bridge);
    return getLink(sock, { index });
  } catch (error) {
    deleteLinkIfPresent(sock, { index: index });
    throw error;
  }
}
